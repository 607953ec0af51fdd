import re

from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import Certificate
from learning.selectors import comparable_name
from portal.lib.forms import SpecificErrors
from portal.lib.text import normalise_number


class QuizForm(forms.Form):
    """One radio group per drawn question (q_<question id>), each offering only its own four
    choices, in the order of the draw."""

    def __init__(self, *args, draw, **kwargs):
        super().__init__(*args, **kwargs)
        self.draw = draw
        for question in draw.questions:
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=question.prompt,
                choices=[(choice.pk, choice.text) for choice in draw.choices(question)],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("この問題に回答してください。"),
                    "invalid_choice": _("この問題の選択肢から選んでください。"),
                },
            )

    def question_fields(self):
        return [(question, self[f"q_{question.pk}"]) for question in self.draw.questions]

    def answers(self) -> dict[int, int]:
        return {question.pk: self.cleaned_data[f"q_{question.pk}"] for question in self.draw.questions}


class CertificateNameForm(SpecificErrors, forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["name_printed"]
        help_texts = {"name_printed": _("漢字・ローマ字など、修了証に載せたい表記で入力してください。")}


class CertificateLookupForm(SpecificErrors, forms.Form):
    """Find a certificate by the number and the name printed on it.

    Numbers run in sequence, so the number alone would let anyone list every learner's name:
    the name printed on the certificate has to match as well (the QR code's link needs neither).
    """

    number = forms.CharField(
        label=_("修了証番号"),
        max_length=40,
        help_text=_("修了証の左下に印字されています（例：L2025-0000123）。全角の数字でも探せます。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    name = forms.CharField(
        label=_("修了証に印字された氏名"),
        max_length=100,
        help_text=_("空白の有無や全角・半角の違いは問いません。"),
    )

    def clean_number(self) -> tuple[int, int]:
        """(year, serial) of a number typed as L2025-0000123, ｌ２０２５ー１２３ or 2025-123."""
        typed = normalise_number(self.cleaned_data["number"]).upper().replace(" ", "")
        match = CERTIFICATE_NUMBER.fullmatch(typed)
        if match is None:
            raise forms.ValidationError(
                _("修了証番号は「L2025-0000123」のように、Lと西暦4桁、ハイフン、数字で入力してください。")
            )
        return int(match["year"]), int(match["serial"])

    def clean_name(self) -> str:
        return comparable_name(self.cleaned_data["name"])


CERTIFICATE_NUMBER = re.compile(r"L?(?P<year>\d{4})-?(?P<serial>\d{1,9})")
