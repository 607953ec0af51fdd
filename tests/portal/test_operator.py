"""Who runs this installation: the operator settings, the about page, the legal pages and the
demonstration notice every page shows while no operator is configured."""

import pytest
from django.conf import settings
from django.core import checks
from django.template import loader
from django.urls import reverse

from portal.lib import pdf
from portal.lib.operator import site_operator
from tests.helpers import in_language

OPERATOR = {
    "name": "一般社団法人みなと情報安全協会",
    "name_en": "Minato Information Safety Association",
    "email": "contact@minato-safety.example.jp",
    "url": "https://minato-safety.example.jp/contact/",
    "address": "東京都港区芝浦1-2-3",
    "address_en": "1-2-3 Shibaura, Minato-ku, Tokyo",
    "phone": "03-1234-5678",
    "privacy_officer": "事務局長",
    "privacy_officer_en": "Secretary General",
    "court": "東京地方裁判所",
    "court_en": "the Tokyo District Court",
    "terms_effective": "2026-04-01",
    "privacy_effective": "2026-05-01",
}
NOTICE = 'data-testid="demonstration-notice"'


@pytest.fixture
def operated(settings):
    settings.PORTAL_OPERATOR = OPERATOR
    return OPERATOR


def english(client):
    return in_language(client, "en")


def body(response) -> str:
    return response.content.decode()


class TestWithoutAnOperator:
    def test_the_default_settings_configure_none(self):
        assert settings.PORTAL_OPERATOR == {}
        assert site_operator() is None

    @pytest.mark.parametrize("path", ["/", "/registry/", "/learning/1/", "/no-such-page/", "/about/"])
    def test_every_page_carries_the_notice_linking_to_the_about_page(self, client, themes, path):
        page = body(client.get(path))
        assert NOTICE in page
        notice = page[page.index(NOTICE) :]
        assert "デモンストレーション用" in notice and "補助金の申請には使えません" in notice
        assert "IPA" in notice and 'href="/about/"' in notice

    def test_the_notice_is_a_labelled_region(self, client, db):
        page = body(client.get("/"))
        assert '<section class="demo-notice" aria-label="' in page

    def test_the_500_page_rendered_without_a_request_carries_it_too(self):
        assert NOTICE in loader.get_template("500.html").render()

    def test_the_about_page_says_demonstration_and_offers_no_contact(self, client, db):
        page = body(client.get(reverse("about")))
        assert 'data-testid="about-demonstration"' in page
        assert "デモンストレーション用のサイトです" in page
        assert "お問い合わせの窓口がありません" in page
        assert 'data-testid="operator-contact"' not in page

    def test_the_terms_and_privacy_pages_say_nobody_stands_behind_them(self, client, db):
        assert "見本として表示" in body(client.get(reverse("terms")))
        assert "実在の会社や個人の情報は登録しないでください" in body(client.get(reverse("privacy")))

    def test_the_registry_card_promises_nothing_about_subsidies(self, client, db):
        for role in ("owner", "public"):
            page = body(client.get("/", {"role": role}))
            assert "このサイトで発行した自己宣言IDが有効かどうか" in page
            assert "補助金申請者" not in page

    def test_check_deploy_warns(self):
        warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        assert "portal.W001" in [warning.id for warning in warnings]
        assert all(warning.level < checks.ERROR for warning in warnings if warning.id.startswith("portal."))

    def test_the_report_pdf_carries_the_notice(self, client_for, complete, organisation, admin, monkeypatch):
        html = capture_pdf_html(monkeypatch)
        assessment = complete(organisation)
        client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
        assert "デモンストレーション用" in html[0]


class TestWithAnOperator:
    @pytest.mark.parametrize("path", ["/", "/registry/", "/learning/1/", "/no-such-page/", "/about/"])
    def test_no_page_carries_the_notice(self, client, themes, operated, path):
        assert NOTICE not in body(client.get(path))

    def test_the_500_page_neither(self, operated):
        assert NOTICE not in loader.get_template("500.html").render()

    def test_the_about_page_names_the_operator_and_how_to_reach_it(self, client, db, operated):
        page = body(client.get(reverse("about")))
        assert "デモンストレーション用のサイトです" not in page
        for value in ("一般社団法人みなと情報安全協会", "東京都港区芝浦1-2-3", "03-1234-5678"):
            assert value in page
        assert 'href="mailto:contact@minato-safety.example.jp"' in page
        assert 'href="https://minato-safety.example.jp/contact/"' in page

    def test_the_about_page_in_english_uses_the_english_details(self, client, db, operated):
        page = body(english(client).get(reverse("about")))
        assert '<html lang="en"' in page
        assert "Minato Information Safety Association" in page and "1-2-3 Shibaura" in page
        assert "一般社団法人みなと情報安全協会" not in page

    def test_the_terms_name_the_operator_the_court_and_the_date(self, client, db, operated):
        page = body(client.get(reverse("terms")))
        assert "一般社団法人みなと情報安全協会（以下「運営者」）" in page
        assert "東京地方裁判所を第一審の専属的合意管轄裁判所" in page
        assert "2026年4月1日から適用します。" in page
        assert "東京都港区芝浦1-2-3" in page and "見本として表示" not in page

    def test_the_privacy_policy_names_the_operator_its_officer_and_the_desk(self, client, db, operated):
        page = body(client.get(reverse("privacy")))
        assert "運営者である一般社団法人みなと情報安全協会が" in page
        assert "個人情報保護管理者は事務局長です。" in page
        assert "contact@minato-safety.example.jp" in page and "東京都港区芝浦1-2-3" in page
        assert "2026年5月1日から適用します。" in page

    def test_the_registry_card_may_mention_subsidy_applicants(self, client, db, operated):
        assert "取引先や補助金申請者の自己宣言IDが有効かどうか" in body(client.get("/"))

    def test_check_deploy_is_quiet_when_the_details_are_complete(self, operated):
        warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        assert not [warning for warning in warnings if warning.id.startswith("portal.")]

    def test_check_deploy_names_what_is_missing(self, settings):
        settings.PORTAL_OPERATOR = {"name": "株式会社ひなた"}
        warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
        (warning,) = [warning for warning in warnings if warning.id.startswith("portal.")]
        assert warning.id == "portal.W002" and "OPERATOR_ADDRESS" in warning.msg

    def test_the_report_pdf_has_no_notice(
        self, client_for, complete, organisation, admin, operated, monkeypatch
    ):
        html = capture_pdf_html(monkeypatch)
        assessment = complete(organisation)
        client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
        assert "デモンストレーション用" not in html[0]


class TestAboutPage:
    def test_it_explains_the_scheme_the_ids_and_the_services(self, client, db):
        page = body(client.get(reverse("about")))
        for fact in (
            "2017年",
            "情報セキュリティ5か条",
            "情報セキュリティ基本方針",
            "IT導入補助金",
            "GビズID",
        ):
            assert fact in page
        assert "IPAの公式ロゴマークではありません" in page
        for name in ("diagnosis:take", "declaration:apply", "learning:index", "presenters:search"):
            assert f'href="{reverse(name)}"' in page
        assert f'href="{reverse("declaration:mark_terms")}"' in page

    def test_it_renders_in_english(self, client, db):
        response = english(client).get(reverse("about"))
        assert response.status_code == 200 and '<html lang="en"' in body(response)

    def test_the_footer_and_the_home_page_link_to_it(self, client, db):
        page = body(client.get("/"))
        assert page.count('href="/about/"') >= 2  # the footer, and the home page's promise of an ID
        assert 'href="/about/#ids-and-marks"' in page


def capture_pdf_html(monkeypatch) -> list[str]:
    """Keep the HTML a PDF would be made of, and skip WeasyPrint."""
    seen: list[str] = []

    def fake(html: str) -> bytes:
        seen.append(html)
        return b"%PDF-1.7"

    monkeypatch.setattr(pdf, "html_to_pdf", fake)
    return seen
