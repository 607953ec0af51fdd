from django.urls import path

from presenters import views

app_name = "presenters"

urlpatterns = [
    path("", views.search, name="search"),
    path("apply/", views.apply, name="apply"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/kind/", views.switch_kind, name="switch_kind"),
    path("me/withdraw/", views.withdraw, name="withdraw"),
    path("me/reports/", views.report_add, name="report_add"),
    path("materials/", views.materials, name="materials"),
    path("materials/<int:pk>/download/", views.material_download, name="material_download"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/contact/", views.contact, name="contact"),
]
