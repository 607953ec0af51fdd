"""Sign-up with e-mail verification, profile and account deletion.

Login, logout, password change and reset are Django's own views with our templates
(see portal/urls.py).
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import privacy, services
from portal.forms import AccountDeleteForm, LoginForm, ProfileForm, ResendVerificationForm, SignupForm
from portal.lib import throttle
from portal.lib.audit import audit
from portal.lib.redirects import safe_next_url
from portal.models import User
from portal.services import Verification, verification_valid_days


class PortalLoginView(LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    # `next` (e.g. an invitation) is carried through the verification link to the login.
    next_url = safe_next_url(request, default=None)
    form = SignupForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        user = services.user_signup(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            full_name=form.cleaned_data["full_name"],
            next_url=next_url,
        )
        request.session["signup_email"] = user.email
        return redirect("accounts:signup_done")
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def signup_done(request: HttpRequest) -> HttpResponse:
    email = request.session.get("signup_email", "")
    return render(
        request,
        "registration/signup_done.html",
        {
            "email": email,
            "form": ResendVerificationForm(initial={"email": email}),
            "valid_days": verification_valid_days(),
        },
    )


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """GET shows what the link will do; only the POST of the button activates the account."""
    if request.method == "POST":
        outcome = services.user_verify_email(uidb64=uidb64, token=token)
        if outcome is Verification.VERIFIED:
            messages.success(request, _("メールアドレスを確認しました。ログインしてください。"))
            next_url = safe_next_url(request, default=None)
            return redirect(resolve_url("login") + (f"?{urlencode({'next': next_url})}" if next_url else ""))
    else:
        outcome = services.user_verify_email_preview(uidb64=uidb64, token=token)
    return render(
        request,
        "registration/verify_email.html",
        {"outcome": outcome.value, "resend_form": ResendVerificationForm()},
        status=400 if outcome is Verification.INVALID else 200,
    )


@require_POST
def resend_verification(request: HttpRequest) -> HttpResponse:
    """Send the link again. The answer is the same whether or not the address is registered."""
    form = ResendVerificationForm(request.POST)
    if form.is_valid():
        email = form.cleaned_data["email"].lower()
        if throttle.allow(f"resend:{email}", limit=3, window_seconds=3600):
            user = User.objects.filter(email__iexact=email, is_active=False, last_login__isnull=True).first()
            if user is not None:
                services.user_send_verification(user=user)
        request.session["signup_email"] = email
        messages.info(request, _("確認が済んでいない登録のあるアドレスであれば、確認メールを再送しました。"))
    else:
        messages.error(request, _("メールアドレスの形式が正しくありません。"))
    return redirect("accounts:signup_done")


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
    return render(request, "registration/profile.html", {"form": form})


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
