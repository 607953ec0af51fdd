"""Whole public pages kept for anonymous visitors (portal/lib/kept_pages.py): served without
touching the database, each visitor with their own CSRF token, never to anyone signed in,
and retired the moment what they show changes (an edit of the content: at once on the app
server that saved it, within a second on the others)."""

import re

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from declaration import services as declaration_services
from learning.models import Theme
from portal.lib import fragments, kept_pages, memo
from tests.helpers import called, record_cache_calls

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def served_from_memory(client, path) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries.captured_queries)


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/accessibility/", "/learning/", "/glossary/", "/diagnosis/items/"]
)
def test_the_second_visitor_costs_no_query(client, themes, path):
    first = client.get(path).content.decode()
    again, queries = served_from_memory(Client(), path)
    assert queries == 0
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_each_visitor_gets_a_token_of_their_own_that_works(db):
    Client().get("/")  # fills the store
    alice, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    alice_page, bob_page = alice.get("/"), bob.get("/")
    alice_token = TOKEN.search(alice_page.content.decode()).group(1)
    bob_token = TOKEN.search(bob_page.content.decode()).group(1)
    assert alice_token != bob_token
    assert "__csrf_token__" not in alice_page.content.decode()
    assert "csrftoken" in alice_page.cookies  # set as on a fresh render
    response = alice.post(
        "/preferences/text-size/", {"size": "large", "next": "/", "csrfmiddlewaretoken": alice_token}
    )
    assert response.status_code == 302
    assert alice.get("/").content.decode().count('class="text-size-large"') == 1
    forged = bob.post(
        "/preferences/text-size/", {"size": "large", "next": "/", "csrfmiddlewaretoken": alice_token}
    )
    assert forged.status_code == 403


def test_language_and_text_size_are_kept_apart(db):
    Client().get("/")
    assert 'lang="en"' in Client().get("/en/").content.decode()
    large = Client()
    large.cookies["text_size"] = "large"
    assert 'class="text-size-large"' in large.get("/").content.decode()
    assert 'class="text-size-standard"' in Client().get("/").content.decode()


def test_someone_signed_in_never_gets_the_anonymous_copy(client, admin):
    anonymous_page = Client().get("/").content.decode()
    client.force_login(admin)
    mine = client.get("/").content.decode()
    assert admin.email in mine or admin.full_name in mine
    assert mine != anonymous_page


def test_a_waiting_message_is_shown_not_a_kept_page(client, admin):
    Client().get("/")
    client.force_login(admin)
    client.post("/accounts/logout/")
    page = client.get("/").content.decode()
    assert "ログアウトしました" in page


class TestRetiredOnWrites:
    def test_registry_search_and_verification(self, client, organisation, declare, django_capture_on_commit_callbacks):
        declaration = declare(organisation)
        verify_url = declaration.get_absolute_url()
        assert declaration.declaration_id in client.get("/registry/").content.decode()
        assert "この自己宣言は有効です" in client.get(verify_url).content.decode()
        api_url = f"/api/v1/declarations/{declaration.declaration_id}"
        assert client.get(api_url).json()["status"] == "active"
        with django_capture_on_commit_callbacks(execute=True):
            declaration_services.declaration_withdraw(
                declaration=declaration, user=declaration.events.first().actor
            )
        assert declaration.declaration_id not in Client().get("/registry/").content.decode()
        page = Client().get(verify_url).content.decode()
        assert "この自己宣言は有効です" not in page
        assert "取り下げ" in page
        assert Client().get(api_url).json()["status"] == "withdrawn"

    def test_statistics(self, client, organisation, declare, django_capture_on_commit_callbacks):
        before = client.get("/registry/statistics/").context["numbers"]["total"]
        with django_capture_on_commit_callbacks(execute=True):
            declare(organisation)
        assert Client().get("/registry/statistics/").context["numbers"]["total"] == before + 1

    def test_learning_index_and_theme(self, client, themes, django_capture_on_commit_callbacks):
        assert "新しい題名" not in client.get("/learning/").content.decode()
        client.get("/learning/1/")
        theme = Theme.objects.get(number=1)
        with django_capture_on_commit_callbacks(execute=True):
            theme.title_ja = "新しい題名"
            theme.save()
        assert "新しい題名" in Client().get("/learning/").content.decode()
        assert "新しい題名" in Client().get("/learning/1/").content.decode()

    def test_loading_content_retires_every_content_page(
        self, client, themes, django_capture_on_commit_callbacks
    ):
        from portal.management.commands.load_content import load_all_content

        client.get("/learning/")
        Theme.objects.filter(number=1).update(title_ja="一括で書き換えた題名")  # no signal
        assert "一括で書き換えた題名" not in Client().get("/learning/").content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            load_all_content(overwrite=True)
        # Rendered afresh from the database: the load retired the kept copy (the files did not
        # change, so the load itself left the row as it was).
        assert "一括で書き換えた題名" in Client().get("/learning/").content.decode()


class TestContentGenerationKeptInProcess:
    """Each process keeps the content's generation for a second (fragments.KEPT_IN_PROCESS)
    instead of asking the shared cache on every request."""

    @pytest.fixture
    def clock(self, monkeypatch):
        now = [1000.0]
        monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
        return now

    def test_read_from_the_shared_cache_once_a_second(self, db, clock, monkeypatch):
        first = fragments.generation("content")  # read (and here minted) at the start of a second
        calls = record_cache_calls(monkeypatch)
        clock[0] += fragments.KEPT_IN_PROCESS["content"] - 0.01
        assert fragments.generations(("content", "registry")) == (first, fragments.generation("registry"))
        assert [keys for keys in called(calls, "get_many") if "generation:content" in keys] == []
        clock[0] += 0.01
        assert fragments.generation("content") == first  # read again: nothing moved it
        assert [keys for keys in called(calls, "get_many") if "generation:content" in keys] == [{"generation:content"}]

    def test_an_edit_on_another_app_server_shows_within_the_second(self, db, themes, clock):
        assert "別の所で直した題名" not in Client().get("/learning/").content.decode()
        # Another app server saves an edit: the row changes, and the generation moves in Redis.
        Theme.objects.filter(number=1).update(title_ja="別の所で直した題名")
        cache.set(fragments.generation_key("content"), "moved-by-another-app-server")
        assert "別の所で直した題名" not in Client().get("/learning/").content.decode()
        clock[0] += fragments.KEPT_IN_PROCESS["content"]
        assert "別の所で直した題名" in Client().get("/learning/").content.decode()

    def test_an_edit_on_this_app_server_shows_at_once(self, db, themes, clock, django_capture_on_commit_callbacks):
        before = fragments.generation("content")
        with django_capture_on_commit_callbacks(execute=True):
            theme = Theme.objects.get(number=1)
            theme.title_ja = "ここで直した題名"
            theme.save()
            during = fragments.generation("content")  # the editor's own transaction reads its change
            assert "ここで直した題名" in Client().get("/learning/1/").content.decode()
        assert before != during != fragments.generation("content")
        assert "ここで直した題名" in Client().get("/learning/").content.decode()


class TestSharedBetweenProcesses:
    """With Redis, a page one process rendered serves the others (the locmem default cache of
    the tests stands in for Redis; clearing `public_pages` stands in for another process)."""

    @pytest.fixture(autouse=True)
    def shared(self, settings):
        settings.KEPT_PAGES_SHARED = True

    def test_another_process_serves_it_without_rendering(self, client, themes):
        first = client.get("/learning/").content.decode()
        caches["public_pages"].clear()
        again, queries = served_from_memory(Client(), "/learning/")
        assert queries == 0
        assert TOKEN.sub("", again) == TOKEN.sub("", first)

    def test_new_code_never_serves_the_old_codes_pages(self, client, themes, monkeypatch):
        client.get("/learning/")
        caches["public_pages"].clear()
        monkeypatch.setattr(kept_pages, "release", lambda: "the-next-release")
        _page, queries = served_from_memory(Client(), "/learning/")
        assert queries > 0

    def test_a_flood_of_searches_takes_a_fixed_number_of_slots(self, client, db, monkeypatch):
        monkeypatch.setattr(kept_pages, "SHARED_SLOTS", 4)
        for n in range(12):
            assert client.get(f"/registry/?q=検索{n}").status_code == 200
        slots = [key for key in cache._cache if ":kept-page:" in key]
        assert 0 < len(slots) <= 4
