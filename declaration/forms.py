from django import forms
from django.utils.translation import gettext_lazy as _

from declaration.content import content, principles
from declaration.ids import is_valid_declaration_id
from declaration.models import Declaration, Purpose, Stars
from portal.lib.forms import SpecificErrors
from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.text import normalise_digits, normalise_number

PHONE_CHARACTERS = set("0123456789-() ")


class PolicySource:
    PORTAL = "portal"
    URL = "url"
    CHOICES = [
        (PORTAL, _("このポータルで作成して公開した基本方針")),
        (URL, _("自社のウェブサイトなどで公開している基本方針")),
    ]


def check_policy_source(form: forms.Form, cleaned: dict) -> None:
    """A ★★ needs to say where its policy is published; a URL must be https."""
    source = cleaned.get("policy_source")
    if not source:
        form.add_error("policy_source", _("基本方針をどこで公開しているか選んでください。"))
    elif source == PolicySource.URL:
        url = cleaned.get("policy_url") or ""
        if not url:
            form.add_error("policy_url", _("公開している基本方針のURLを入力してください。"))
        elif not url.startswith("https://"):
            form.add_error("policy_url", _("URLは https:// で始まるものを入力してください。"))


def policy_choice(cleaned: dict) -> dict:
    """Where a ★★ form says its policy is, as the services take it."""
    return {
        "use_portal_policy": cleaned.get("policy_source") == PolicySource.PORTAL,
        "policy_url": cleaned.get("policy_url") or "",
    }


class ContactForm(SpecificErrors, forms.ModelForm):
    class Meta:
        model = Declaration
        fields = ["contact_name", "contact_department", "contact_email", "contact_phone"]
        widgets = {
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }

    def clean_contact_phone(self):
        # Kept as typed (052-000-1234 keeps its hyphens), only in ASCII: the digits are checked.
        phone = normalise_number(self.cleaned_data["contact_phone"])
        digits = [ch for ch in phone if ch.isdigit()]
        if not set(phone) <= PHONE_CHARACTERS or not 10 <= len(digits) <= 11:
            raise forms.ValidationError(
                _(
                    "電話番号は市外局番から10桁または11桁の数字で入力してください（ハイフンはあってもなくてもかまいません）。"
                )
            )
        return phone

    def contact(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ApplyForm(ContactForm):
    """★ or ★★. The five pledges for ★; the policy for ★★ (the diagnosis is checked by the service)."""

    stars = forms.TypedChoiceField(
        label=_("宣言する段階"), choices=Stars.choices, coerce=int, widget=forms.RadioSelect
    )
    policy_source = forms.ChoiceField(
        label=_("基本方針"), choices=PolicySource.CHOICES, widget=forms.RadioSelect, required=False
    )
    policy_url = forms.URLField(
        label=_("公開している基本方針のURL"), required=False, assume_scheme="https", max_length=200
    )
    purpose = forms.ChoiceField(label=_("宣言の目的"), choices=Purpose.choices, widget=forms.RadioSelect)
    purpose_other = forms.CharField(label=_("目的（その他）"), max_length=200, required=False)
    agree = forms.BooleanField(label=_("上記の同意事項に同意します"))

    class Meta(ContactForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for principle in principles():
            self.fields[f"pledge_{principle['number']}"] = forms.BooleanField(
                label=principle["title"], help_text=principle["explanation"], required=False
            )

    @property
    def pledge_fields(self):
        return [self[f"pledge_{principle['number']}"] for principle in principles()]

    @property
    def terms(self) -> dict:
        return content()["application_terms"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("stars") == Stars.ONE:
            for principle in principles():
                if not cleaned.get(f"pledge_{principle['number']}"):
                    self.add_error(
                        f"pledge_{principle['number']}",
                        _("一つ星では、5か条のすべてに取り組むことを宣言します。"),
                    )
        if cleaned.get("stars") == Stars.TWO:
            check_policy_source(self, cleaned)
        elif cleaned.get("stars") == Stars.ONE:
            # The ★★ section is hidden once ★ is chosen: what was typed there is not used and
            # must not block the form with an error nobody can see.
            for name in ("policy_source", "policy_url"):
                self._errors.pop(name, None)
                cleaned[name] = ""
        if cleaned.get("purpose") == Purpose.OTHER and not cleaned.get("purpose_other"):
            self.add_error("purpose_other", _("「その他」の内容を入力してください。"))
        return cleaned


class UpgradeForm(SpecificErrors, forms.Form):
    policy_source = ApplyForm.base_fields["policy_source"]
    policy_url = ApplyForm.base_fields["policy_url"]

    def clean(self):
        cleaned = super().clean()
        check_policy_source(self, cleaned)
        return cleaned


class ReconfirmForm(SpecificErrors, forms.Form):
    """The yearly re-confirmation: the five pledges again; for ★★ also where the policy is."""

    policy_source = ApplyForm.base_fields["policy_source"]
    policy_url = ApplyForm.base_fields["policy_url"]

    def __init__(self, *args, two_stars: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.two_stars = two_stars
        for principle in principles():
            self.fields[f"pledge_{principle['number']}"] = forms.BooleanField(
                label=principle["title"],
                help_text=principle["explanation"],
                error_messages={"required": _("5か条のすべてに引き続き取り組むことを確かめてください。")},
            )
        if not two_stars:
            del self.fields["policy_source"], self.fields["policy_url"]

    @property
    def pledge_fields(self):
        return [self[f"pledge_{principle['number']}"] for principle in principles()]

    def clean(self):
        cleaned = super().clean()
        if self.two_stars:
            check_policy_source(self, cleaned)
        return cleaned


class ReasonForm(SpecificErrors, forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class OptionalReasonForm(SpecificErrors, forms.Form):
    reason = forms.CharField(
        label=_("理由（任意）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )


class PolicyForm(SpecificErrors, forms.Form):
    title = forms.CharField(label=_("表題"), max_length=100)
    preamble = forms.CharField(label=_("前文"), widget=forms.Textarea(attrs={"rows": 4}), max_length=3000)
    closing = forms.CharField(
        label=_("結び（制定日・組織名・代表者）"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )

    def __init__(self, *args, sections: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.section_count = len(sections)
        for index, section in enumerate(sections):
            self.fields[f"heading_{index}"] = forms.CharField(
                label=_("見出し"), max_length=100, initial=section["heading"]
            )
            self.fields[f"body_{index}"] = forms.CharField(
                label=_("本文"),
                widget=forms.Textarea(attrs={"rows": 4}),
                max_length=3000,
                initial=section["body"],
            )

    @property
    def section_fields(self):
        return [(self[f"heading_{i}"], self[f"body_{i}"]) for i in range(self.section_count)]

    def sections(self) -> list[dict]:
        return [
            {"heading": self.cleaned_data[f"heading_{i}"], "body": self.cleaned_data[f"body_{i}"]}
            for i in range(self.section_count)
        ]


class RegistrySearchForm(forms.Form):
    q = forms.CharField(label=_("組織名（ふりがなでも可）"), max_length=100, required=False)
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    industry = forms.ChoiceField(label=_("業種"), required=False)
    stars = forms.TypedChoiceField(
        label=_("段階"),
        choices=[("", _("すべて"))] + Stars.choices,
        coerce=int,
        required=False,
        empty_value=None,
    )
    verified = forms.TypedChoiceField(
        label=_("組織の本人確認"),
        choices=[("", _("すべて")), ("1", _("本人確認済みの組織のみ"))],
        coerce=bool,
        required=False,
        empty_value=False,
    )
    sort = forms.ChoiceField(
        label=_("並び順"),
        choices=[("new", _("宣言日の新しい順")), ("name", _("組織名順"))],
        required=False,
    )
    lapsed = forms.BooleanField(label=_("再確認の期限を過ぎた宣言（要再確認）も含める"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [("", _("すべて"))] + Prefecture.choices
        self.fields["industry"].choices = [("", _("すべて"))] + Industry.choices


def clean_declaration_id(value: str) -> str | None:
    """A well-formed 自己宣言ID from user input, or None (wrong length, digits or check digit)."""
    value = normalise_digits(value)
    return value if is_valid_declaration_id(value) else None
