from django import forms
from django.utils.translation import gettext_lazy as _

from learning.models import Certificate


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


class CertificateNameForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["name_printed"]
        help_texts = {"name_printed": _("漢字・ローマ字など、修了証に載せたい表記で入力してください。")}
