"""allauth's forms with the portal's wording. Kept apart from portal/forms.py, which allauth
imports for the sign-up fields while its own forms module is still loading."""

from allauth.account.forms import (
    AddEmailForm,
    ChangePasswordForm,
    LoginForm,
    ReauthenticateForm,
    ResetPasswordForm,
    ResetPasswordKeyForm,
    SetPasswordForm,
)
from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.audit import audit
from portal.lib.forms import SpecificErrors


class PortalLoginForm(SpecificErrors, LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("メールアドレス")
        # The page links to the reset itself, below the form.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("ログインしたままにする（14日間）")
            self.fields["remember"].help_text = _("共用のパソコンではチェックしないでください。")

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError as error:
            if error.code == "too_many_login_attempts":
                audit(
                    "login.locked_out",
                    request=self.request,
                    email=str(self.cleaned_data.get("login", ""))[:254],
                )
            raise


# The other allauth forms people fill in, with errors that name the empty field (settings.ACCOUNT_FORMS).
# The sign-up form inherits SpecificErrors from portal.forms.SignupExtraForm.


class PortalAddEmailForm(SpecificErrors, AddEmailForm):
    pass


class PortalChangePasswordForm(SpecificErrors, ChangePasswordForm):
    pass


class PortalSetPasswordForm(SpecificErrors, SetPasswordForm):
    pass


class PortalResetPasswordForm(SpecificErrors, ResetPasswordForm):
    pass


class PortalResetPasswordKeyForm(SpecificErrors, ResetPasswordKeyForm):
    pass


class PortalReauthenticateForm(SpecificErrors, ReauthenticateForm):
    pass
