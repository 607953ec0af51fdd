"""Forms for accounts and organisations: they validate and clean input, nothing else."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from portal.lib import outbox
from portal.lib.text import normalise_digits
from portal.models import Organisation, Role, User, normalise_email


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("メールアドレス"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    full_name = forms.CharField(
        label=_("氏名"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("修了証などに印字されます。後から変更できます。"),
    )
    password1 = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("10文字以上。推測されやすいものや数字だけのものは使えません。"),
    )
    password2 = forms.CharField(
        label=_("パスワード（確認）"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _(
                    "このメールアドレスは既に登録されています。ログインするか、パスワードをリセットしてください。"
                ),
                code="duplicate",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("確認用のパスワードが一致しません。"))
        elif password1:
            candidate = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    """Login by e-mail; tells a person whose address is not yet verified what to do."""

    username = forms.EmailField(
        label=_("メールアドレス"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("メールアドレスまたはパスワードが正しくありません。"),
        "unverified": _(
            "メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてください。"
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            email, password = self.cleaned_data.get("username"), self.cleaned_data.get("password")
            user = User.objects.filter(email__iexact=email or "", is_active=False).first()
            if user is not None and user.last_login is None and user.check_password(password or ""):
                self.unverified_email = user.email
                raise forms.ValidationError(self.error_messages["unverified"], code="unverified") from None
            raise


class PortalPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the e-mail going through the outbox like every other."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = " ".join(render_to_string(subject_template_name, context).split())
        outbox.enqueue(to=[to_email], subject=subject, text=render_to_string(email_template_name, context))


class ResendVerificationForm(forms.Form):
    email = forms.EmailField(label=_("メールアドレス"), max_length=254)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "full_name_kana"]


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("確認のため、パスワードを入力してください"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("パスワードが正しくありません。"), code="password_incorrect")
        return password


class OrganisationForm(forms.ModelForm):
    # Wider than the stored 13 digits so that a number typed with hyphens can be cleaned.
    corporate_number = forms.CharField(
        label=Organisation._meta.get_field("corporate_number").verbose_name,
        help_text=Organisation._meta.get_field("corporate_number").help_text,
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    website = forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name,
        max_length=200,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "name_kana",
            "corporate_number",
            "is_sole_proprietor",
            "prefecture",
            "address",
            "industry",
            "size_band",
            "website",
        ]

    def clean_corporate_number(self):
        value = normalise_digits(self.cleaned_data.get("corporate_number") or "")
        return value or None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_sole_proprietor") and cleaned.get("corporate_number"):
            self.add_error(
                "corporate_number",
                _("個人事業主には法人番号がありません。空欄にするか、個人事業主のチェックを外してください。"),
            )
        return cleaned


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("招待する人のメールアドレス"), max_length=254)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)


class OrganisationChoiceForm(forms.Form):
    organisation = forms.IntegerField(min_value=1)
