"""The content in English: questionnaire, lessons and quizzes, SECURITY ACTION texts.

English lives in twins of the Japanese data files; `load_content` stores both languages
side by side (`title_ja`, `title_en`), pages in English show the English fields (falling back
to Japanese where one is empty), and the admin edits both.
"""

import json
import re
import subprocess
import tomllib
from pathlib import Path

from django.conf import settings
from django.urls import reverse

from learning.models import Certificate, Theme
from tests.helpers import form_data, in_language, theme_passed
from tests.learning.conftest import right_answers
from tools.check_english_content import compare, english_twins

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def english_client(client):
    return in_language(client, "en")  # the English URLs (/en/…), as the switch leads to them


def test_every_content_file_has_an_english_twin_that_mirrors_it():
    twins = {ja.relative_to(FIXTURES).as_posix() for ja, _en in english_twins()}
    japanese = {
        path.relative_to(FIXTURES).as_posix()
        for path in FIXTURES.rglob("*.toml")
        if path.parent.name != "en" and not path.name.endswith(".en.toml")
    }
    assert twins == japanese
    assert {"diagnosis/questionnaire_2026.toml", "declaration/content.toml"} | {
        f"learning/themes/{n:02d}.toml" for n in range(1, 26)
    } <= twins
    for ja, en in english_twins():
        with ja.open("rb") as a, en.open("rb") as b:
            assert compare(tomllib.load(a), tomllib.load(b)) == [], en


def test_the_questionnaire_in_english_and_in_japanese(client, questionnaire):
    from diagnosis.models import Item

    item = Item.objects.get(questionnaire=questionnaire, number=1)
    japanese = client.get("/diagnosis/take/").content.decode()
    assert item.question_ja in japanese and "実施している" in japanese
    english = english_client(client).get("/diagnosis/take/").content.decode()
    # question_ja, not question: after the English request `question` reads in English.
    assert item.question_ja not in english and item.question_en in english
    assert "operating system" in english.lower() and ">Done<" in english and ">Don’t know<" in english


def test_a_result_in_english_keeps_its_score_and_speaks_english(client, questionnaire):
    client = english_client(client)
    response = client.post("/diagnosis/take/", form_data("partly", q1="no"))
    page = client.get(response["Location"]).content.decode()
    assert "実施していない" not in page and "Not done" in page
    assert 'data-testid="total-score">48<' in page  # 24 × 2 + 0: the same score in any language


def test_a_lesson_and_its_quiz_in_english(client_for, member, themes):
    theme = Theme.objects.get(number=1)
    japanese_title = theme.title
    client = english_client(client_for(member))
    lesson = client.get(reverse("learning:theme", args=[1])).content.decode()
    assert japanese_title not in lesson and "Yamanaka Seiko" in lesson
    quiz = client.get(reverse("learning:quiz", args=[1])).content.decode()
    assert "Which of these" in quiz
    response = client.post(reverse("learning:quiz", args=[1]), right_answers(theme))
    assert response.status_code == 302
    assert Certificate.objects.filter(user=member, theme=theme).exists()
    # The database keeps both languages side by side.
    assert Theme.objects.filter(pk=theme.pk).values_list("title_ja", "title_en").get() == (
        japanese_title,
        "Keep your operating system and software up to date",
    )


def test_the_certificate_pdf_in_english(client_for, member, themes, tmp_path):

    certificate = theme_passed(member, themes[0])
    pdf = english_client(client_for(None)).get(reverse("certificates:pdf", args=[certificate.code])).content
    (tmp_path / "c.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True, check=True
    )
    assert "up to date" in text.stdout


def test_the_five_principles_in_english(client_for, admin, organisation):
    page = english_client(client_for(admin)).get(reverse("declaration:apply")).content.decode()
    assert "5か条" not in page
    english_principles = tomllib.loads((FIXTURES / "declaration" / "content.en.toml").read_text())[
        "principles"
    ]
    assert all(principle["title"] in page for principle in english_principles)


def test_every_loaded_text_has_its_english_in_the_database(themes, questionnaire):
    """The equivalent on the loaded data of the file check above: no English field left empty."""
    from diagnosis.models import AnswerOption, Band, Item, Part
    from learning.models import Choice, Question

    checks = {
        Item: ["topic", "question", "explanation", "advice_partly", "advice_no", "advice_unknown"],
        Part: ["title", "description"],
        AnswerOption: ["label"],
        Band: ["title", "advice"],
        Theme: ["title", "summary", "scenario_title", "scenario_body", "explanation_body", "points", "dos"],
        Question: ["prompt", "explanation"],
        Choice: ["text"],
    }
    for model, fields in checks.items():
        for row in model.objects.values(*[f"{name}_en" for name in fields]):
            for name, value in row.items():
                assert value and not JAPANESE.search(str(value)), (model.__name__, name, value)


def test_an_empty_english_field_falls_back_to_japanese(client, themes):
    Theme.objects.filter(number=2).update(title_en="")
    japanese_title = Theme.objects.values_list("title_ja", flat=True).get(number=2)
    page = english_client(client).get(reverse("learning:index")).content.decode()
    assert japanese_title in page


def test_the_admin_edits_both_languages_and_english_pages_show_the_english_edit(client, staff, themes):
    theme = Theme.objects.get(number=1)
    client.force_login(staff)
    url = reverse("admin:learning_theme_change", args=[theme.pk])
    response = client.get(url)
    page = response.content.decode()
    assert 'name="title_ja"' in page and 'name="title_en"' in page
    # Post the form back as the browser would, with the English title changed.
    initial = response.context["adminform"].form.initial
    data = {
        name: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for name, value in initial.items()
        if value is not None
    }
    data["title_en"] = "Updates, edited in the admin"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    theme.refresh_from_db()
    assert (theme.title_en, theme.title_ja) == ("Updates, edited in the admin", "OSとソフトを最新の状態に")
    english = english_client(client).get(reverse("learning:theme", args=[1])).content.decode()
    assert "Updates, edited in the admin" in english


def test_e_mails_are_written_in_the_recipients_language(
    client, client_for, admin, organisation, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    from declaration import services
    from declaration.models import Declaration
    from tests.declaration.conftest import apply_data

    # The applicant declares in English ...
    english = english_client(client_for(admin))
    with django_capture_on_commit_callbacks(execute=True):
        english.post(reverse("declaration:apply"), apply_data() | {"step": "submit"})
    declaration = Declaration.objects.get(organisation=organisation)
    assert declaration.language == "en"
    assert "SECURITY ACTION" in mailoutbox[-1].subject and not JAPANESE.search(mailoutbox[-1].subject)
    # ... and a reviewer working in Japanese suspends it: the applicant is told in English.
    with django_capture_on_commit_callbacks(execute=True):
        services.declaration_suspend(
            declaration=declaration, reviewer=reviewer, reason="Checking the contact details"
        )
    assert not JAPANESE.search(mailoutbox[-1].subject)


def test_the_language_switch_is_remembered_on_the_account(client_for, admin):
    client = client_for(admin)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/learning/"})
    assert response.status_code == 302 and response["Location"] == "/en/learning/"
    admin.refresh_from_db()
    assert admin.language == "en"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    admin.refresh_from_db()
    assert admin.language == "en"  # an unknown language changes nothing


def test_sign_up_in_english_sends_the_verification_in_english(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        english_client(client).post(
            "/accounts/signup/",
            {
                "email": "new@example.jp",
                "password1": "a-long-enough-passphrase-42",
                "password2": "a-long-enough-passphrase-42",
            },
        )
    assert not JAPANESE.search(mailoutbox[-1].subject) and not JAPANESE.search(mailoutbox[-1].body)


def test_dates_are_written_the_way_each_language_writes_them(client_for, member, organisation, complete):
    from django.utils import timezone

    assessment = complete(organisation, "yes")
    day = timezone.localtime(assessment.completed_at)
    client = client_for(member)
    assert day.strftime("%Y/%m/%d") in client.get("/diagnosis/history/").content.decode()
    english = english_client(client).get("/diagnosis/history/").content.decode()
    assert f"{day.day} {day.strftime('%b')} {day.year}" in english


def test_the_self_diagnosis_report_pdf_in_english(client_for, admin, organisation, complete, tmp_path):
    assessment = complete(organisation, "partly", q1="no")
    client = english_client(client_for(admin))
    pdf = client.get(reverse("diagnosis:report_pdf", args=[assessment.uuid])).content
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    )
    assert "Not done" in text.stdout and "実施していない" not in text.stdout


def test_japanese_names_on_english_pages_say_they_are_japanese(client, organisation, declare):
    declaration = declare(organisation)
    japanese = client.get(declaration.get_absolute_url()).content.decode()
    assert f' lang="ja">{organisation.name}</h1>' not in japanese  # the whole page is Japanese already
    english = english_client(client).get(declaration.get_absolute_url()).content.decode()
    assert f' lang="ja">{organisation.name}</h1>' in english
