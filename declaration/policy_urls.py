from django.urls import path

from declaration import policy_views as policies

app_name = "policies"

urlpatterns = [
    path("edit/", policies.edit, name="edit"),
    path("publish/", policies.publish, name="publish"),
    path("<slug:slug>/", policies.public, name="public"),
    path("<slug:slug>.pdf", policies.public_pdf, name="pdf"),
]
