"""The 25 themes as migrate loads them."""

import tomllib

from learning.content import theme_files
from learning.models import Choice, Question, Theme


def test_25_themes_each_belonging_to_its_diagnosis_item(db, questionnaire):
    assert list(Theme.objects.values_list("number", flat=True)) == list(range(1, 26))
    assert set(questionnaire.items.values_list("number", flat=True)) == set(range(1, 26))


def test_every_theme_has_at_least_three_questions_of_four_choices_with_one_correct(db):
    assert Question.objects.count() >= 75
    for theme in Theme.objects.prefetch_related("questions__choices"):
        questions = list(theme.questions.all())
        assert len(questions) >= 3, theme
        for question in questions:
            choices = list(question.choices.all())
            assert len(choices) == 4, question
            assert sum(choice.is_correct for choice in choices) == 1, question
            assert question.explanation.strip(), question
            assert question.prompt.strip(), question


def test_both_question_styles_are_used(db):
    kinds = set(Question.objects.values_list("kind", flat=True))
    assert kinds == {"appropriate", "not_appropriate"}


def test_lessons_have_scenario_explanation_dos_and_donts(db):
    for theme in Theme.objects.all():
        assert len(theme.scenario_body) >= 300, theme
        assert theme.scenario_characters, theme
        assert theme.explanation_body.strip(), theme
        assert theme.points and theme.dos and theme.donts, theme


def test_the_files_are_the_source(db):
    files = theme_files()
    assert len(files) == 25
    first = tomllib.loads(files[0].read_text(encoding="utf-8"))
    assert Theme.objects.get(number=1).title == first["title"]
    assert Choice.objects.filter(question__theme__number=1, is_correct=True).count() == len(
        first["questions"]
    )
