"""A person's and an organisation's data (namespace "data"), at the paths they always had."""

from django.urls import path

from console.views import data

app_name = "data"

urlpatterns = [
    path("accounts/export/", data.personal_export, name="personal_export"),
    path("accounts/delete/", data.account_delete, name="account_delete"),
    path("organisations/<int:pk>/export/", data.organisation_export, name="organisation_export"),
]
