"""The questionnaire's 25 fields are built once per version, language and kind and shared by
the forms (diagnosis.forms.item_fields): what one form holds never shows in another."""

from django.utils import translation

from diagnosis.forms import DiagnosisForm
from diagnosis.selectors import content_for
from tests.helpers import form_data


def test_one_forms_errors_and_values_stay_its_own(questionnaire):
    content = content_for(questionnaire)
    incomplete = DiagnosisForm({"questionnaire": questionnaire.version, "q1": "yes"}, content=content)
    assert not incomplete.is_valid()
    assert len(incomplete.missing_items) == 24
    blank = DiagnosisForm(content=content)
    assert not blank.is_bound and not blank.errors
    assert "この設問に回答してください" not in str(blank["q2"])
    assert 'checked' not in str(blank["q1"])
    complete = DiagnosisForm(form_data("no") | {"questionnaire": questionnaire.version}, content=content)
    assert complete.is_valid(), complete.errors
    assert incomplete.fields["q2"] is blank.fields["q2"]  # shared, and unharmed


def test_drafts_and_languages_get_fields_of_their_own(questionnaire):
    content = content_for(questionnaire)
    answer = DiagnosisForm(content=content)
    draft = DiagnosisForm(content=content, draft=True)
    assert answer.fields["q1"].required and not draft.fields["q1"].required
    with translation.override("en"):
        english = DiagnosisForm(content=content_for(questionnaire))
        assert english.fields["q1"].label != answer.fields["q1"].label
        assert english.fields["q1"].label.isascii()


def test_only_a_visitors_form_asks_for_a_peer_group(questionnaire):
    content = content_for(questionnaire)
    member = DiagnosisForm(content=content)
    assert "industry" not in member.fields and "size_band" not in member.fields
    choosing = DiagnosisForm(
        form_data("yes") | {"questionnaire": questionnaire.version, "industry": "E", "size_band": "6-20"},
        content=content,
        ask_peer_group=True,
    )
    blank = DiagnosisForm(content=content, ask_peer_group=True)
    assert list(choosing.fields)[:3] == ["questionnaire", "industry", "size_band"]
    assert choosing.is_valid(), choosing.errors
    assert (choosing.cleaned_data["industry"], choosing.cleaned_data["size_band"]) == ("E", "6-20")
    assert '<option value="E" selected>' in str(choosing["industry"])
    assert '<option value="E" selected>' not in str(blank["industry"])  # shared, each form's own value
    with translation.override("en"):
        assert str(blank.fields["industry"].label).isascii()
    wrong = DiagnosisForm(
        form_data("yes") | {"questionnaire": questionnaire.version, "industry": "nope"},
        content=content,
        ask_peer_group=True,
    )
    assert not wrong.is_valid() and "industry" in wrong.errors
