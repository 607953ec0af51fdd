from django.urls import path

from learning import views

app_name = "certificates"

urlpatterns = [
    path("<str:code>/", views.certificate_verify, name="verify"),
    path("<str:code>.pdf", views.certificate_pdf, name="pdf"),
]
