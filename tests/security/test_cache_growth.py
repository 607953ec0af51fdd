"""Finding 16: nobody can make the cache or the file storage grow without bound.

The attacks: every distinct query string made a new cached search page (in the Redis that
also holds the rate-limit counters, so a flood could evict them); every printed name of a
certificate left one more PDF in storage, forever.
"""

import time

import pytest
from django.core.cache import cache, caches
from django.core.files.storage import default_storage

from learning import services as learning_services
from learning.models import Certificate
from portal.lib import pagination
from tests.helpers import theme_passed

JUNK = [
    "utm_source=1",
    "utm_source=2",
    "x=%E3%81%82",
    "page=abc",
    "page=%D9%A1",  # ١
    "page=%EF%BC%91",  # １
    "page=-1",
    "page=0",
    "page=99999999999999999999",
    "prefecture=zz",
    "stars=9",
    "sort=evil",
    "q=",
    "q=%20%20",
]


def fragment_keys(name: str, store=cache) -> list[str]:
    """The cached fragments still alive (LocMemCache in tests; a timeout of 0 stores an entry
    already expired there, while Redis deletes it)."""
    now = time.time()
    return [key for key in store._cache if f"template.cache.{name}" in key and store._expire_info[key] > now]


@pytest.mark.parametrize(
    "path,name", [("/registry/", "registry-search"), ("/presenters/", "presenter-search")]
)
def test_junk_query_strings_share_one_cached_page(client, db, path, name):
    client.get(path)
    assert len(fragment_keys(name)) == 1
    for junk in JUNK:
        assert client.get(f"{path}?{junk}").status_code == 200
    assert len(fragment_keys(name)) == 1, "every junk query string made a new cached page"


def test_each_filter_and_page_is_one_cached_page(client, db):
    for query in ["prefecture=13", "prefecture=13&utm=1", "utm=2&prefecture=13", "prefecture=13&page=1"]:
        client.get(f"/registry/?{query}")
    assert len(fragment_keys("registry-search")) == 1
    client.get("/registry/?prefecture=14")
    client.get("/registry/?prefecture=13&page=2")
    assert len(fragment_keys("registry-search")) == 3


def test_free_text_searches_stay_out_of_the_shared_cache_and_deep_pages_are_not_cached(client, db):
    for n in range(30):
        client.get("/registry/", {"q": f"株式会社{n}"})
        client.get("/presenters/", {"q": f"田中{n}"})
    client.get("/registry/", {"page": str(pagination.MAX_CACHED_PAGE + 1)})
    assert fragment_keys("registry-search") == [] and fragment_keys("presenter-search") == []


def test_the_free_text_cache_keeps_a_fixed_number_of_pages(client, db, settings):
    store = caches[pagination.FREE_TEXT_CACHE]
    store.clear()
    limit = settings.CACHES[pagination.FREE_TEXT_CACHE]["OPTIONS"]["MAX_ENTRIES"]
    client.get("/registry/", {"q": "株式会社さくら"})
    client.get("/registry/", {"q": "株式会社さくら"})
    assert len(fragment_keys("registry-search", store)) == 1  # a repeated search is served from memory
    for n in range(limit + 50):
        store.set(f"template.cache.registry-search.flood{n}", "x", 600)
    assert len(store._cache) <= limit


def test_pagination_links_carry_only_the_known_filters(client, declare, organisation, other_organisation):
    response = client.get("/registry/?prefecture=13&utm_source=evil&page=%D9%A1")
    assert response.context["query"] == "prefecture=13&sort=new"
    assert response.context["page"].number == 1


@pytest.fixture
def storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def fast_pdf(monkeypatch):
    monkeypatch.setattr("portal.lib.pdf.html_to_pdf", lambda html: b"%PDF-1.7 " + html[-200:].encode())


def test_a_reprinted_certificate_replaces_its_old_pdf(client, member, themes, storage, fast_pdf):
    certificate = theme_passed(member, themes[0])
    folder = "generated/" + learning_services.certificate_pdf_keep_in(certificate.code)
    url = f"/certificates/{certificate.code}.pdf"

    def kept():
        return sorted(default_storage.listdir(folder)[1])

    client.get(url)
    assert len(kept()) == 1
    for name in ["佐藤 花子", "佐藤 花子（旧姓 山田）", "Hanako Sato"]:
        Certificate.objects.filter(pk=certificate.pk).update(name_printed=name)
        assert client.get(url).status_code == 200
    assert len(kept()) == 1, "every printed name left a PDF behind"
    client.get(f"/en{url}")
    assert [name[:3] for name in kept()] == ["en-", "ja-"]  # one per language
    Certificate.objects.filter(pk=certificate.pk).update(name_printed="佐藤 はなこ")
    client.get(url)
    assert len(kept()) == 2
