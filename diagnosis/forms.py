from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diagnosis.selectors import CONTENT_CACHE_SECONDS, Content
from portal.lib import memo
from portal.lib.industries import Industry
from portal.lib.size_bands import SizeBand


def item_fields(content: Content, *, draft: bool) -> dict[str, forms.ChoiceField]:
    """The 25 items' fields, built once per questionnaire version, language and kind (answer or
    draft) in each process and shared by the forms that use them: building them cost a tenth of
    the questionnaire page, and nothing changes a field after it is built (each form keeps its
    own bound fields, values and errors)."""
    questionnaire = content.questionnaire

    def build():
        choices = [(option.value, option.label) for option in content.options]
        return {
            item.field_name: forms.ChoiceField(
                label=f"{item.number}. {item.question}",
                choices=choices,
                widget=forms.RadioSelect,
                required=not draft,
                error_messages={"required": _("この設問に回答してください。")},
            )
            for item in content.items
        }

    key = f"diagnosis:fields:{questionnaire.pk}:{questionnaire.version}:{get_language()}:{draft}"
    return memo.remember(key, build, CONTENT_CACHE_SECONDS)


# What an anonymous visitor may name to be compared with peers: shared as the items' fields are
# (labels and choices are translated when shown), and added only to the forms that ask, so
# that a member's form does not copy two fields of thirty choices only to drop them.
PEER_GROUP_FIELDS = {
    "industry": forms.ChoiceField(
        label=_("業種（任意）"), choices=[("", "—")] + Industry.choices, required=False
    ),
    "size_band": forms.ChoiceField(
        label=_("従業員数（任意）"), choices=[("", "—")] + SizeBand.choices, required=False
    ),
}


class DiagnosisForm(forms.Form):
    """The 25 items as q1 … q25 (values yes/partly/no/unknown), plus the questionnaire version.

    For a draft, unanswered items are allowed; a tampered version or a repeated item is an
    error either way. Anonymous visitors may name their industry and size to be compared.
    """

    questionnaire = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, content: Content, draft: bool = False, ask_peer_group: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.content = content
        self.fields["questionnaire"].initial = content.questionnaire.version
        if ask_peer_group:
            self.fields.update(PEER_GROUP_FIELDS)
        self.fields.update(item_fields(content, draft=draft))

    def item_fields(self, part_items):
        return [(item, self[item.field_name]) for item in part_items]

    def clean_questionnaire(self):
        version = self.cleaned_data["questionnaire"]
        if version != self.content.questionnaire.version:
            raise forms.ValidationError(
                _("設問が改訂されました。お手数ですが、表示されている設問であらためて回答してください。"),
                code="version",
            )
        return version

    def clean(self):
        cleaned = super().clean()
        if self.data is not None and hasattr(self.data, "getlist"):
            for item in self.content.items:
                if len(self.data.getlist(item.field_name)) > 1:
                    self.add_error(item.field_name, _("回答が重複しています。ひとつだけ選んでください。"))
        return cleaned

    def answers(self) -> dict[str, str]:
        return {
            str(item.number): self.cleaned_data[item.field_name]
            for item in self.content.items
            if self.cleaned_data.get(item.field_name)
        }

    @property
    def missing_items(self):
        """Items left without an answer."""
        return [item for item in self.content.items if self.has_error(item.field_name, "required")]

    @property
    def invalid_items(self):
        """Items whose answer cannot be taken (a value off the scale, two answers)."""
        return [
            item
            for item in self.content.items
            if item.field_name in self.errors and not self.has_error(item.field_name, "required")
        ]


class ShareLinkForm(forms.Form):
    expires_on = forms.DateField(
        label=_("有効期限（任意）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("空欄なら、取り消すまで有効です。"),
    )


class StatisticsSharingForm(forms.Form):
    share = forms.BooleanField(required=False)
