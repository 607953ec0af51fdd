from django.urls import path

from portal.views import accounts

app_name = "accounts"

urlpatterns = [
    path("signup/", accounts.signup, name="signup"),
    path("signup/done/", accounts.signup_done, name="signup_done"),
    path("verify/<str:uidb64>/<str:token>/", accounts.verify_email, name="verify"),
    path("verify/resend/", accounts.resend_verification, name="resend_verification"),
    path("profile/", accounts.profile, name="profile"),
    path("delete/", accounts.delete_account, name="delete"),
    path("export/", accounts.export_data, name="export"),
]
