from django.urls import path

from learning import views

app_name = "certificates"

urlpatterns = [
    path("", views.certificate_lookup, name="lookup"),
    path("<str:code>/", views.certificate_verify, name="verify"),
    path("<str:code>.pdf", views.certificate_pdf, name="pdf"),
]
