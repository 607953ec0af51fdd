"""Code review of the open data: the registry statistics and the API cost little per hit, full
CSV dumps have their own low limit, and every API answer counts, 304 Not Modified included.

The attacks: 120 full dumps a minute per address (each reads every active declaration);
revalidating with If-None-Match forever without ever meeting the limit; hammering
/registry/statistics/ (five aggregates over the whole registry per hit).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory


@pytest.fixture
def registry(declare):
    return [declare(OrganisationFactory()) for _ in range(3)]


def test_the_eleventh_dump_within_the_hour_is_refused(client, registry, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1000
    assert settings.API_DUMP_RATE_LIMIT_PER_HOUR == 10
    for _ in range(10):
        response = client.get("/api/v1/declarations", {"format": "csv"})
        assert response.status_code == 200
        assert response.streaming  # streamed in chunks, never built whole in memory
        b"".join(response.streaming_content)
    refused = client.get("/api/v1/declarations", {"format": "csv"})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "Full CSV downloads are limited to 10 an hour" in refused.json()["detail"]
    assert client.get("/api/v1/declarations").status_code == 200  # the JSON pages still answer


def test_not_modified_answers_count_against_the_limit(client, registry, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    declaration = registry[0]
    declaration.refresh_from_db()
    url = f"/api/v1/declarations/{declaration.declaration_id}"
    etag = client.get(url)["ETag"]
    statuses = [client.get(url, HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert statuses == [304, 304, 429]


def test_not_modified_listing_answers_count_too(client, registry, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    etag = client.get("/api/v1/declarations")["ETag"]
    statuses = [client.get("/api/v1/declarations", HTTP_IF_NONE_MATCH=etag).status_code for _ in range(3)]
    assert statuses == [304, 304, 429]


def test_registry_statistics_are_computed_once_per_change(
    client, registry, declare, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with CaptureQueriesContext(connection) as first:
        assert client.get("/registry/statistics/").status_code == 200
    # total, by stars, by prefecture, by industry, by month; re-confirmations and lapses, lapsed now
    assert len(first) == 7
    with django_assert_num_queries(0):
        assert client.get("/registry/statistics/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        declare(OrganisationFactory(name="株式会社あたらし"))  # a change retires the figures
    response = client.get("/registry/statistics/")
    assert response.context["numbers"]["total"] == 4


def test_the_api_does_not_compute_last_modified_on_every_call(client, registry, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1000
    client.get("/api/v1/declarations", {"prefecture": "13"})
    with CaptureQueriesContext(connection) as second:
        assert client.get("/api/v1/declarations", {"prefecture": "13"}).status_code == 200
    assert not [q for q in second.captured_queries if "MAX(" in q["sql"].upper()]
    assert len(second) == 1  # the page's rows (the count is cached too)


def test_the_api_answers_a_new_last_modified_after_a_change(
    client, registry, declare, settings, django_capture_on_commit_callbacks
):
    settings.API_RATE_LIMIT_PER_MINUTE = 1000
    before = client.get("/api/v1/declarations")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        declare(OrganisationFactory(name="株式会社あたらし"))
    assert client.get("/api/v1/declarations")["ETag"] != before


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_the_api_answers_only_get_and_head(client, db, method):
    for path in ["/api/v1/declarations", "/api/v1/declarations/00000000000"]:
        assert getattr(client, method)(path).status_code == 405
    assert client.head("/api/v1/declarations").status_code == 200
