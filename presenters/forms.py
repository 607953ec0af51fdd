from django import forms
from django.utils.translation import gettext_lazy as _

from portal.lib.forms import SpecificErrors
from portal.lib.prefectures import Prefecture
from presenters.models import ActivityReport, Expertise, Kind, Material, Presenter, TalkRequest
from presenters.uploads import sniff_material

PROFILE_FIELDS = [
    "name",
    "name_kana",
    "nationwide",
    "affiliation",
    "expertise_other",
    "bio",
    "qualifications",
    "contact_email",
    "postal_address",
    "show_name_kana",
    "show_affiliation",
    "show_expertise",
    "show_bio",
    "show_qualifications",
    "show_email",
]


class ProfileForm(SpecificErrors, forms.ModelForm):
    prefectures = forms.MultipleChoiceField(
        label=_("活動する都道府県"),
        choices=Prefecture.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    expertise = forms.MultipleChoiceField(
        label=_("得意分野"), choices=Expertise.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Presenter
        fields = PROFILE_FIELDS
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "postal_address": _("運営者からの連絡用です。公開されません。"),
            "contact_email": _("公開しない場合、講演依頼は運営者を通してこのアドレスに届きます。"),
        }

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("nationwide") and not cleaned.get("prefectures"):
            self.add_error("prefectures", _("活動する都道府県を選ぶか、「全国で活動」を選んでください。"))
        return cleaned

    def profile(self) -> dict:
        data = {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
        data["expertise"] = Presenter.join_expertise(self.cleaned_data["expertise"])
        return data


class ApplyForm(ProfileForm):
    kind = forms.ChoiceField(label=_("登録の種類"), choices=Kind.choices, widget=forms.RadioSelect)
    charter = forms.BooleanField(label=_("セキュリティプレゼンター憲章に同意します"))


class SearchForm(forms.Form):
    prefecture = forms.ChoiceField(label=_("都道府県"), required=False)
    expertise = forms.ChoiceField(label=_("得意分野"), required=False)
    q = forms.CharField(label=_("キーワード"), max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].choices = [("", _("すべて"))] + Prefecture.choices
        self.fields["expertise"].choices = [("", _("すべて"))] + Expertise.choices


class TalkRequestForm(SpecificErrors, forms.ModelForm):
    class Meta:
        model = TalkRequest
        fields = [
            "organisation_name",
            "requester_name",
            "requester_email",
            "date_wish",
            "place",
            "audience",
            "topic",
            "message",
        ]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class ActivityReportForm(SpecificErrors, forms.ModelForm):
    # The column has no upper bound on SQLite: a 19-digit audience was stored and then
    # overflowed every SUM on the statistics pages. No awareness talk reaches 100,000 people.
    audience_size = forms.IntegerField(label=_("参加人数"), min_value=1, max_value=100_000)

    class Meta:
        model = ActivityReport
        fields = ["held_on", "prefecture", "audience_type", "audience_size", "topics"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


class MaterialForm(forms.ModelForm):
    """For staff in the admin: the file is checked by its content and size."""

    class Meta:
        model = Material
        fields = ["title", "description", "audience", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):
            self.sniffed_type = sniff_material(upload)
        return upload
