from django.urls import path

from declaration import views

app_name = "declaration"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("mine/upgrade/", views.upgrade, name="upgrade"),
    path("mine/contact/", views.contact, name="contact"),
    path("mine/withdraw/", views.withdraw, name="withdraw"),
    path("mine/reconfirm/", views.reconfirm, name="reconfirm"),
    path("mine/mark.svg", views.mark, {"fmt": "svg"}, name="mark_svg"),
    path("mine/mark-<int:size>.png", views.mark, {"fmt": "png"}, name="mark_png"),
    # Every variant: square / horizontal, with or without the ID; SVG, PDF and PNG widths.
    path(
        "mine/marks/<slug:variant>-<int:width>.png", views.mark_file, {"fmt": "png"}, name="mark_png_variant"
    ),
    path("mine/marks/<slug:variant>.<str:fmt>", views.mark_file, name="mark_file"),
    path("marks/terms/", views.mark_terms, name="mark_terms"),
]
