"""`manage.py load_content`: the files are the source, admin edits survive, conflicts are told.

The test database starts as `make setup` leaves it (content loaded once); tests that change
the files work on a copy of fixtures/ and point the loaders at it.
"""

import re
import shutil
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diagnosis.content import FIXTURES as DIAGNOSIS_FILES
from diagnosis.content import load_questionnaires
from diagnosis.models import Item, ItemGuide, Questionnaire
from learning.content import THEMES, load_themes
from learning.models import Certificate, Choice, Question, Theme
from portal.lib.content_loading import LoadReport
from tests.helpers import theme_passed

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)", re.IGNORECASE)


@pytest.fixture
def theme_files(tmp_path):
    """A copy of the theme files that a test may edit; `load()` loads it."""
    directory = tmp_path / "themes"
    shutil.copytree(THEMES, directory)
    return directory


def load(directory, **kwargs) -> LoadReport:
    report = LoadReport()
    load_themes(report=report, directory=directory, **kwargs)
    return report


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rows_in_the_files() -> int:
    """What a load writes: each questionnaire with its parts, items, answers and bands, each
    theme with its questions, each item guide."""
    import tomllib

    from diagnosis.content import ANSWER_SCALE, GUIDES, questionnaire_files
    from learning.content import theme_files

    rows = len(list(GUIDES.glob("*.toml")))
    for path in questionnaire_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rows += 1 + len(data["parts"]) + len(data["items"]) + len(ANSWER_SCALE) + len(data["bands"])
    for path in theme_files():
        rows += 1 + len(tomllib.loads(path.read_text(encoding="utf-8"))["questions"])
    return rows


def test_the_first_load_fills_both_languages(db):
    Questionnaire.objects.all().delete()
    Theme.objects.all().delete()
    ItemGuide.objects.all().delete()
    out = StringIO()
    call_command("load_content", stdout=out)
    assert out.getvalue().startswith(f"{rows_in_the_files()} created, 0 updated")
    item = Item.objects.get(questionnaire__is_current=True, number=1)
    assert item.question_ja and item.question_ja != item.question_en
    assert "operating system" in item.question_en.lower()
    theme = Theme.objects.get(number=1)
    assert (theme.title_ja, theme.title_en) == (
        "OSとソフトを最新の状態に",
        "Keep your operating system and software up to date",
    )
    assert Choice.objects.filter(question__theme=theme, is_correct=True).count() == theme.questions.count()


def test_every_loaded_row_fits_its_columns_in_both_languages(db):
    """The loader writes with update(), which checks nothing; PostgreSQL refuses a text longer
    than its column where SQLite stores it, so check the loaded rows here (an English topic
    once outgrew its 40 characters)."""
    from modeltranslation.translator import translator

    for model in translator.get_registered_models():
        for row in model.objects.all():
            row.full_clean(validate_unique=False, validate_constraints=False)


def test_a_second_load_writes_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        out = StringIO()
        call_command("load_content", stdout=out)
    assert out.getvalue().startswith(
        f"0 created, 0 updated, 0 deleted, 0 retired, {rows_in_the_files()} unchanged"
    )
    assert [q["sql"] for q in queries.captured_queries if WRITES.match(q["sql"])] == []
    assert len(queries.captured_queries) < 30  # a few reads per model, not one per row


def test_a_changed_entry_updates_its_row_only(db, theme_files):
    replace_in(theme_files / "en" / "01.toml", "Keep your operating system", "Keep your OS")
    report = load(theme_files)
    assert report.updated == ["theme 1"]
    assert Theme.objects.get(number=1).title_en == "Keep your OS and software up to date"
    assert load(theme_files).updated == []


def test_an_admin_edit_survives_a_reload_when_the_file_did_not_change(db, theme_files):
    Theme.objects.filter(number=1).update(title_ja="管理画面で直した題名")
    report = load(theme_files)
    assert (report.updated, report.conflicts) == ([], [])
    assert Theme.objects.get(number=1).title_ja == "管理画面で直した題名"


def test_an_admin_edit_and_a_file_change_is_a_conflict_kept_as_edited(db, theme_files):
    question = Question.objects.get(theme__number=2, number=1)
    Choice.objects.filter(question=question, number=1).update(text_en="Edited in the admin")
    replace_in(theme_files / "02.toml", question.prompt_ja, "ファイルで直した問題文")
    report = load(theme_files)
    assert report.conflicts == [
        "theme 2 question 1: edited in the admin and changed in the files; kept as edited"
    ]
    question.refresh_from_db()
    assert question.prompt_ja != "ファイルで直した問題文"
    assert question.choices.get(number=1).text_en == "Edited in the admin"
    # Reported again at every load until resolved; --overwrite-edits gives the files the last word.
    assert load(theme_files).conflicts
    assert load(theme_files, overwrite=True).updated == ["theme 2 question 1"]
    question.refresh_from_db()
    assert question.prompt_ja == "ファイルで直した問題文"
    assert question.choices.get(number=1).text_en != "Edited in the admin"


def test_the_command_lists_conflicts(db, monkeypatch, theme_files):
    from learning.apps import LearningConfig

    Theme.objects.filter(number=3).update(summary_ja="管理画面で直した要約")
    replace_in(theme_files / "03.toml", 'title = "', 'title = "新・')
    monkeypatch.setattr(
        LearningConfig,
        "load_content",
        lambda self, *, report, overwrite=False: load_themes(report=report, directory=theme_files),
    )
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "CONFLICT theme 3: edited in the admin and changed in the files; kept as edited" in out.getvalue()
    assert Theme.objects.get(number=3).summary_ja == "管理画面で直した要約"


def test_a_question_removed_from_its_file_is_deleted_attempts_keep_their_marks(db, theme_files, member):
    from learning.models import Attempt

    theme = Theme.objects.get(number=4)
    last = theme.questions.order_by("number").last()
    attempt = Attempt.objects.create(
        user=member, theme=theme, answers={}, correct=3, total=theme.questions.count(), passed=True
    )
    text = (theme_files / "04.toml").read_text(encoding="utf-8")
    en = (theme_files / "en" / "04.toml").read_text(encoding="utf-8")
    (theme_files / "04.toml").write_text(text[: text.rindex("[[questions]]")], encoding="utf-8")
    (theme_files / "en" / "04.toml").write_text(en[: en.rindex("[[questions]]")], encoding="utf-8")
    report = load(theme_files)
    assert report.deleted == [f"theme 4 question {last.number}"]
    assert not Question.objects.filter(pk=last.pk).exists()
    attempt.refresh_from_db()
    assert (attempt.correct, attempt.total) == (3, last.number)


def test_a_removed_theme_nobody_studied_is_deleted(db, theme_files):
    (theme_files / "25.toml").unlink()
    (theme_files / "en" / "25.toml").unlink()
    assert load(theme_files).deleted == ["theme 25"]
    assert not Theme.objects.filter(number=25).exists()


def test_a_removed_theme_with_certificates_is_retired_and_they_stay_valid(client, db, theme_files, member):

    theme = Theme.objects.get(number=25)
    certificate = theme_passed(member, theme)
    (theme_files / "25.toml").unlink()
    (theme_files / "en" / "25.toml").unlink()
    assert load(theme_files).retired == ["theme 25"]
    assert load(theme_files).retired == []  # retired once
    assert client.get("/learning/25/").status_code == 404
    assert f">{theme.title_ja}<" not in client.get("/learning/").content.decode()
    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200 and theme.title_ja in page.content.decode()
    assert Certificate.objects.get(pk=certificate.pk).is_valid


def test_a_removed_version_with_results_is_kept_and_one_without_is_deleted(db, tmp_path, complete):
    directory = tmp_path / "diagnosis"
    directory.mkdir()
    for name in ["questionnaire_2026.toml", "questionnaire_2026.en.toml"]:
        text = (DIAGNOSIS_FILES / name).read_text(encoding="utf-8")
        (directory / name.replace("2026", "2027")).write_text(
            text.replace('version = "2026.1"', 'version = "2027.1"', 1), encoding="utf-8"
        )
    result = complete(None, "partly")
    report = LoadReport()
    load_questionnaires(report=report, directory=directory)
    assert report.retired == ["questionnaire 2026.1"]
    assert Questionnaire.objects.get(is_current=True).version == "2027.1"
    result.refresh_from_db()
    assert (result.questionnaire.version, result.total_score) == ("2026.1", 50)

    (directory / "questionnaire_2027.toml").rename(directory / "questionnaire_2028.toml")
    (directory / "questionnaire_2027.en.toml").rename(directory / "questionnaire_2028.en.toml")
    for path in directory.glob("*2028*"):
        path.write_text(path.read_text(encoding="utf-8").replace('"2027.1"', '"2028.1"', 1), encoding="utf-8")
    report = LoadReport()
    load_questionnaires(report=report, directory=directory)
    assert report.deleted == ["questionnaire 2027.1"]


def test_a_version_with_results_keeps_its_items(db, tmp_path, complete):
    directory = tmp_path / "diagnosis"
    shutil.copytree(DIAGNOSIS_FILES, directory)
    complete(None, "yes")
    for name in ["questionnaire_2026.toml", "questionnaire_2026.en.toml"]:
        text = (directory / name).read_text(encoding="utf-8")
        (directory / name).write_text(
            text[: text.rindex("[[items]]")] + text[text.index("[[bands]]") :], encoding="utf-8"
        )
    report = LoadReport()
    load_questionnaires(report=report, directory=directory)
    assert report.refused and "new version" in report.refused[0]
    assert Item.objects.filter(questionnaire__version="2026.1").count() == 25
