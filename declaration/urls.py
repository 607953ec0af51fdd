from django.urls import path

from declaration import views

app_name = "declaration"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("mine/upgrade/", views.upgrade, name="upgrade"),
    path("mine/contact/", views.contact, name="contact"),
    path("mine/withdraw/", views.withdraw, name="withdraw"),
    path("mine/mark.svg", views.mark, {"fmt": "svg"}, name="mark_svg"),
    path("mine/mark-<int:size>.png", views.mark, {"fmt": "png"}, name="mark_png"),
    path("marks/terms/", views.mark_terms, name="mark_terms"),
]
