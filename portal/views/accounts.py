"""Profile, "download my data" and account deletion.

Sign-up, verification, login, logout, passwords and the second factor are django-allauth's
(see portal/urls.py and portal/adapter.py).
"""

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import privacy, services
from portal.forms import AccountDeleteForm, ProfileForm
from portal.lib.audit import audit


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
        request, "registration/profile.html", {"form": form, "mfa_enabled": is_mfa_enabled(request.user)}
    )


@login_required
def export_data(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as JSON."""
    audit("export.personal_data", request=request)
    response = JsonResponse(
        privacy.personal_data(request.user),
        encoder=privacy.ENCODER,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete(user=request.user)  # records its own, non-identifying audit entry
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("アカウントと登録情報を削除しました。ご利用ありがとうございました。"))
            return redirect("home")
    return render(
        request,
        "registration/delete_account.html",
        {
            "form": form,
            "blocking": services.organisations_blocking_deletion(user=request.user),
            "memberships": request.user.memberships.select_related("organisation"),
        },
    )
