from django.urls import path

from portal.views import accounts

app_name = "accounts"

urlpatterns = [
    path("profile/", accounts.profile, name="profile"),
    # Links in mails sent before accounts moved onto allauth.
    path("signup/done/", accounts.legacy_signup_done, name="signup_done"),
    path("verify/<str:uidb64>/<str:token>/", accounts.legacy_verification_link, name="verify"),
]
