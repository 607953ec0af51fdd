"""English has its own URLs (/en/…), Japanese keeps the unprefixed ones; the URL decides the
language, the switch moves between the two URLs of a page, and hreflang names both (issue 16)."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from portal.lib.languages import language_path, language_url
from tests.helpers import KEPT_SHELL_QUERIES


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(
    ("path", "language", "expected"),
    [
        ("/learning/", "en", "/en/learning/"),
        ("/en/learning/", "ja", "/learning/"),
        ("/en/learning/", "en", "/en/learning/"),
        ("/", "en", "/en/"),
        ("/en/", "ja", "/"),
        ("/api/v1/declarations.json", "en", "/api/v1/declarations.json"),  # one URL for all
        ("/admin/", "en", "/admin/"),
        ("/healthz", "en", "/healthz"),
    ],
)
def test_each_page_has_a_path_per_language(path, language, expected):
    assert language_path(path, language) == expected


def test_a_url_keeps_its_query_and_host():
    assert language_url("/?role=employee", "en") == "/en/?role=employee"
    assert language_url("http://testserver/en/help/#police", "ja") == "http://testserver/help/#police"


def test_reverse_in_english_gives_the_english_url():
    with translation.override("en"):
        assert reverse("learning:index") == "/en/learning/"
    with translation.override("ja"):
        assert reverse("learning:index") == "/learning/"


@pytest.mark.django_db
class TestTheUrlDecides:
    def test_japanese_pages_keep_their_urls(self, client):
        response = client.get("/about/")
        assert response.status_code == 200 and '<html lang="ja"' in response.content.decode()
        assert response["Content-Language"] == "ja"

    def test_an_english_link_opens_in_english_without_a_cookie(self, client):
        response = client.get("/en/about/")
        assert response.status_code == 200 and '<html lang="en"' in response.content.decode()

    def test_an_english_browser_still_gets_the_japanese_url_in_japanese(self, client):
        body = client.get("/about/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="ja"' in body  # no guessing from the browser: the URL decides

    def test_the_chosen_language_leads_from_a_japanese_url_to_its_english_twin(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.get("/diagnosis/take/?from=mail")
        assert response.status_code == 302 and response["Location"] == "/en/diagnosis/take/?from=mail"
        assert "Cookie" in response["Vary"]

    def test_a_form_posted_to_a_japanese_url_is_never_redirected(self, client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        response = client.post(reverse("account_login"), {"login": "x@example.jp", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its errors; nothing lost

    def test_one_url_paths_follow_the_preference(self, client):
        assert client.get("/healthz").status_code == 200
        assert client.get("/en/healthz").status_code == 404


@pytest.mark.django_db
class TestTheSwitch:
    def test_english_moves_to_the_english_url_of_the_same_page(self, client):
        response = client.post(reverse("set_language"), {"language": "en", "next": "/learning/?x=1"})
        assert response.status_code == 302 and response["Location"] == "/en/learning/?x=1"
        assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    def test_japanese_moves_back_to_the_unprefixed_url(self, client):
        response = client.post(reverse("set_language"), {"language": "ja", "next": "/en/learning/"})
        assert response["Location"] == "/learning/"
        assert client.get("/learning/").status_code == 200  # the preference no longer redirects

    def test_the_header_form_posts_the_current_page(self, client):
        body = client.get("/en/help/").content.decode()
        assert 'name="next" value="/en/help/"' in body
        assert f'action="{reverse("set_language")}"' in body


@pytest.mark.django_db
def test_every_page_names_both_languages_and_a_default(client):
    links = alternates(client.get("/en/glossary/").content.decode())
    assert links == {
        "ja": "http://testserver/glossary/",
        "en": "http://testserver/en/glossary/",
        "x-default": "http://testserver/glossary/",
    }


@pytest.mark.django_db
def test_links_on_an_english_page_stay_in_english(client):
    body = client.get("/en/").content.decode()
    assert 'href="/en/diagnosis/take/"' in body
    assert 'href="/diagnosis/take/"' not in body


def test_languages_cost_no_query(client, db, django_assert_num_queries):
    client.get("/en/about/")  # warm the caches the shell uses
    with django_assert_num_queries(0):
        client.get("/en/about/")
    with django_assert_num_queries(0):
        client.get("/about/")


def test_a_signed_in_page_costs_the_same_in_english(
    client_for, admin, organisation, django_assert_num_queries
):
    client = client_for(admin)
    client.get("/about/")
    with django_assert_num_queries(KEPT_SHELL_QUERIES) as japanese:
        client.get("/about/")
    with django_assert_num_queries(len(japanese.captured_queries)):
        client.get("/en/about/")
