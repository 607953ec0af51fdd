import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import DatabaseError
from django.urls import reverse

from portal.home import ROLE_TABS
from portal.models import User

ROOT = Path(__file__).resolve().parents[2]


class TestHome:
    def test_shows_the_five_role_tabs(self, client, db):
        body = client.get("/").content.decode()
        for label in ["経営者の方", "対策実践者の方", "従業員の方", "啓発者・教職員の方", "一般・学生の方"]:
            assert label in body
        assert len(ROLE_TABS) == 5

    def test_a_tab_is_chosen_by_query_without_javascript(self, client, db):
        body = client.get("/?role=employee").content.decode()
        assert (
            'href="?role=employee#roles"\n             aria-current="page"' in body
            or 'aria-current="page">従業員の方' in body
        )
        assert "学習の進捗と修了証" in body

    def test_unknown_role_falls_back_to_the_first_tab(self, client, db):
        response = client.get("/?role=<script>")
        assert response.status_code == 200
        assert response.context["active_tab"] == ROLE_TABS[0]

    def test_services_not_built_yet_are_marked_instead_of_linked(self, client, db):
        for tab in ROLE_TABS:
            body = client.get(f"/?role={tab.slug}").content.decode()
            for card in tab.cards:
                if card.url is None:
                    assert f'{card.title} <span class="badge text-bg-secondary">準備中</span>' in body
                else:
                    assert f'href="{card.url}"' in body

    def test_anonymous_header_offers_login_and_signup(self, client, db):
        body = client.get("/").content.decode()
        assert reverse("account_login") in body and reverse("account_signup") in body

    def test_logged_in_header_shows_the_current_organisation(self, client_for, organisation, admin):
        body = client_for(admin).get("/").content.decode()
        assert 'class="current-organisation">株式会社さくら精機<' in body
        assert reverse("account_login") + '"' not in body


class TestHealthz:
    def test_ok_when_the_database_answers(self, client, db):
        response = client.get("/healthz")
        assert response.status_code == 200
        assert response.content == b"ok"

    def test_503_when_the_database_does_not(self, client, db, monkeypatch):
        class Unreachable:
            def cursor(self):
                raise DatabaseError("connection refused")

        monkeypatch.setattr("portal.views.site.connection", Unreachable())
        response = client.get("/healthz")
        assert response.status_code == 503


class TestPreferences:
    def test_text_size_persists_in_a_cookie(self, client, db):
        response = client.post(reverse("text_size"), {"size": "large", "next": "/?role=owner"})
        assert response["Location"] == "/?role=owner"
        assert response.cookies["text_size"].value == "large"
        assert '<html lang="ja" class="text-size-large">' in client.get("/").content.decode()

    def test_an_unknown_text_size_is_ignored(self, client, db):
        response = client.post(reverse("text_size"), {"size": "huge", "next": "https://evil.example.com/"})
        assert response["Location"] == "/"
        assert "text_size" not in response.cookies

    def test_language_switch_keeps_the_page_and_translates(self, client, db):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/?role=employee"})
        assert response["Location"] == "/en/?role=employee"
        body = client.get("/en/?role=employee").content.decode()
        assert '<html lang="en"' in body
        assert "Sign up" in body
        assert "For employees" in body


class TestErrorPages:
    def test_404_is_in_the_portals_style(self, client, db):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        body = response.content.decode()
        assert "ページが見つかりません" in body and "SECURITY ACTION ポータル" in body

    def test_500_page_renders_without_a_request_context(self):
        from django.template.loader import render_to_string

        assert "システムエラーが発生しました" in render_to_string("500.html")

    def test_an_unreachable_database_is_a_503_with_retry_after_not_a_500(self, db):
        from unittest import mock

        from django.db import OperationalError
        from django.test import Client

        client = Client(raise_request_exception=False)
        with mock.patch(
            "diagnosis.views.current_questionnaire",
            side_effect=OperationalError("server closed the connection"),
        ):
            response = client.get("/diagnosis/take/")
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "ただいま一時的に利用できません" in response.content.decode()

    def test_other_errors_stay_500(self, db):
        from unittest import mock

        from django.test import Client

        client = Client(raise_request_exception=False)
        with mock.patch("diagnosis.views.current_questionnaire", side_effect=KeyError("bug")):
            response = client.get("/diagnosis/take/")
        assert response.status_code == 500
        assert "システムエラーが発生しました" in response.content.decode()


class TestSecurityHeaders:
    def test_every_page_has_a_strict_content_security_policy(self, client, db):
        response = client.get("/")
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"

    def test_templates_contain_no_inline_scripts_or_styles(self):
        for path in (ROOT / "templates").rglob("*.html"):
            text = path.read_text()
            if "/emails/" in str(path) or "/pdf/" in str(path):
                continue  # e-mails and PDFs need inline styles; CSP does not apply to them
            assert "<script>" not in text and "<script >" not in text, path
            assert " style=" not in text and "<style" not in text, path
            assert " onclick=" not in text and " onsubmit=" not in text, path

    def test_every_japanese_text_in_templates_is_marked_for_translation(self):
        """Whatever is left after removing tags, variables and comments is plain template text:
        Japanese there would reach English readers untranslated."""
        japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
        marked = re.compile(
            r"\{%\s*blocktranslate.*?%\}.*?\{%\s*endblocktranslate\s*%\}"
            r"|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}",
            re.S,
        )
        unmarked = []
        for path in (ROOT / "templates").rglob("*"):
            if path.suffix in {".html", ".txt"}:
                for number, line in enumerate(marked.sub(" ", path.read_text()).splitlines(), 1):
                    if japanese.search(line):
                        unmarked.append(
                            f"{path.relative_to(ROOT)} (after markup removal, line {number}): {line.strip()}"
                        )
        assert unmarked == []

    def test_template_comments_close_on_their_line(self):
        """`{# … #}` spans one line only; a longer one is printed on the page as text."""
        for path in (ROOT / "templates").rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), 1):
                assert line.count("{#") == line.count("#}"), f"{path}:{number}: use {{% comment %}}"


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update({"DEBUG": "false", "ALLOWED_HOSTS": "portal.example.jp", **extra})
    return env


def test_production_refuses_to_start_without_a_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=production_env(SECRET_KEY=""),
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


OPERATOR_ENV = {
    "OPERATOR_NAME": "株式会社テスト運営",
    "OPERATOR_EMAIL": "info@operator.example.jp",
    "OPERATOR_ADDRESS": "東京都千代田区1-1-1",
    "OPERATOR_PRIVACY_OFFICER": "総務部長",
    "OPERATOR_COURT": "東京地方裁判所",
}


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(
            SECRET_KEY="x" * 20 + "-a-long-and-random-production-secret-key-0123456789", **OPERATOR_ENV
        ),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_staff_groups_exist_after_migrate(db):
    reviewers = Group.objects.get(name="reviewers")
    assert reviewers.permissions.filter(codename="view_organisation").exists()
    assert Group.objects.filter(name="content editors").exists()


def test_ensure_staff_creates_one_superuser_once(db, capsys):
    call_command("ensure_staff")
    first = capsys.readouterr().out
    assert "admin@example.com" in first
    call_command("ensure_staff")
    assert capsys.readouterr().out == ""
    assert User.objects.filter(is_superuser=True).count() == 1


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/privacy/", "/terms/"],
)
def test_public_pages_render(client, db, path):
    assert client.get(path).status_code == 200


def test_the_english_catalogue_is_complete():
    """Every string marked for translation has an English translation that is not fuzzy."""
    catalogue = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(catalogue)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert untranslated.count("msgid ") <= 1, untranslated  # only the header entry
    assert "msgid " not in fuzzy, fuzzy


class TestAccessibilityStatement:
    def test_the_statement_lists_exactly_what_the_browser_suite_checks(self, client, db):
        from portal import accessibility
        from tests.browser.test_accessibility import AXE, main_pages

        placeholder = dict.fromkeys(
            [
                "organisation_name",
                "verify_url",
                "certificate_url",
                "presenter_url",
                "result_url",
                "organisation_url",
                "review_url",
            ],
            "x",
        )
        assert [key for key, _label in accessibility.PAGES_CHECKED] == [
            name for name, _who, _path in main_pages(placeholder)
        ]
        assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{accessibility.AXE_CORE_VERSION}\n")
        body = client.get("/accessibility/").content.decode()
        assert accessibility.STANDARD in body and accessibility.CONTACT_EMAIL in body
        assert f"axe-core {accessibility.AXE_CORE_VERSION}" in body

    def test_every_page_links_to_the_statement(self, client, db):
        assert 'href="/accessibility/"' in client.get("/").content.decode()
