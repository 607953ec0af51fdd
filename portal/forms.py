"""Forms for accounts and organisations: they validate and clean input, nothing else."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.corporate_number import validate_corporate_number
from portal.lib.forms import SpecificErrors
from portal.lib.text import normalise_digits
from portal.models import Organisation, Role, User


class SignupExtraForm(SpecificErrors, forms.Form):
    """What allauth's sign-up form asks beyond the e-mail and password (see settings)."""

    full_name = forms.CharField(
        label=_("氏名"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text=_("修了証などに印字されます。後から変更できます。"),
    )

    def signup(self, request, user):
        """Nothing left to do: PortalAccountAdapter.save_user stores the name with the account."""


class ProfileForm(SpecificErrors, forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "full_name_kana"]


class AccountDeleteForm(SpecificErrors, forms.Form):
    password = forms.CharField(
        label=_("確認のため、パスワードを入力してください"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("パスワードを入力してください。")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("パスワードが正しくありません。"), code="password_incorrect")
        return password


class OrganisationForm(SpecificErrors, forms.ModelForm):
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

    # What a provider's claims (GビズID) or staff vouched for: shown, never taken from the POST.
    LOCKED_WHEN_VERIFIED = ("name", "corporate_number", "is_sole_proprietor")

    def __init__(self, *args, locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if locked:
            for name in self.LOCKED_WHEN_VERIFIED:
                self.fields[name].disabled = True
                self.fields[name].help_text = _("本人確認済みの情報のため変更できません。")

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


class CorporateLookupForm(forms.Form):
    """The organisation form's look-up in the 法人番号 register: by number or by name."""

    number = forms.CharField(required=False, max_length=40)
    name = forms.CharField(
        required=False,
        min_length=2,
        max_length=100,
        error_messages={"min_length": _("法人名は2文字以上入力してください。")},
    )

    def clean_number(self):
        value = normalise_digits(self.cleaned_data["number"])
        if value:
            validate_corporate_number(value)
        return value

    def clean(self):
        cleaned = super().clean()
        if not self.errors and bool(cleaned.get("number")) == bool(cleaned.get("name")):
            raise forms.ValidationError(_("法人番号か法人名のどちらかを指定してください。"), code="one_of")
        return cleaned


class InvitationForm(SpecificErrors, forms.Form):
    email = forms.EmailField(label=_("招待する人のメールアドレス"), max_length=254)
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices, initial=Role.MEMBER)


class RoleForm(SpecificErrors, forms.Form):
    role = forms.ChoiceField(label=_("役割"), choices=Role.choices)


class OrganisationChoiceForm(forms.Form):
    organisation = forms.IntegerField(min_value=1)


class VerificationReasonForm(SpecificErrors, forms.Form):
    """Why staff verify an organisation by hand (what they checked) or revoke a verification."""

    reason = forms.CharField(
        label=_("理由（確認した書類・経緯など）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
