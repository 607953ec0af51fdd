"""The profile, and links people hold from before the move to allauth.

Sign-up, verification, login, logout, passwords and the second factor are django-allauth's
(see portal/urls.py and portal/adapter.py); "download my data" and account deletion are the
console's (console/views/data.py), as they read every service.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import services
from portal.forms import ProfileForm
from portal.selectors import provider_connected


def legacy_signup_done(request: HttpRequest) -> HttpResponse:
    return redirect("account_email_verification_sent")


def legacy_verification_link(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """A verification link from before the move to allauth: it no longer activates anything.

    Logging in with an unverified address sends a fresh link, so say exactly that.
    """
    messages.info(
        request,
        _("このリンクは使えなくなりました。ログインすると、確認が済んでいない場合は新しい確認メールをお送りします。"),
    )
    return redirect("account_login")


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            full_name_kana=form.cleaned_data["full_name_kana"],
        )
        messages.success(request, _("プロフィールを保存しました。"))
        return redirect("accounts:profile")
    return render(
        request,
        "registration/profile.html",
        {
            "form": form,
            "mfa_enabled": is_mfa_enabled(request.user),
            "connected": provider_connected(request.user),
        },
    )
