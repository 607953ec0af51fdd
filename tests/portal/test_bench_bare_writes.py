"""The load benchmark's bare signed-in writes (`load.py --bare`, benchmarks/bare_urls.py) do
what its table says they do, and are reached only where that URLconf is served."""

import pytest
from django.urls import Resolver404, resolve

from diagnosis.models import PendingRecount
from tests.helpers import called, record_cache_calls

pytestmark = pytest.mark.urls("benchmarks.bare_urls")


def test_the_bare_post_signs_in_checks_the_token_and_redirects(client_for, admin):
    client = client_for(admin)
    client.handler.enforce_csrf_checks = True
    assert client.post("/bench/bare-post/", {"q1": "yes"}).status_code == 403  # no token
    client.get("/accounts/login/")  # a page with a form sets the token's cookie
    token = client.cookies["csrftoken"].value
    response = client.post("/bench/bare-post/", {"q1": "yes"}, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302
    assert not PendingRecount.objects.exists()


def test_the_bare_write_writes_one_row_and_redirects(client_for, admin, organisation):
    admin.current_organisation = organisation
    admin.save()
    client = client_for(admin)
    for _ in range(2):
        assert client.post("/bench/bare-write/", {"q1": "yes"}).status_code == 302
    assert PendingRecount.objects.get().organisation == organisation  # upserted, not added


def test_they_want_a_signed_in_post(db, client):
    assert client.get("/bench/bare-post/").status_code == 405
    response = client.post("/bench/bare-write/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not PendingRecount.objects.exists()


@pytest.mark.urls("portal.urls")
def test_the_portal_does_not_serve_them():
    with pytest.raises(Resolver404):
        resolve("/bench/bare-post/")


def test_the_bare_reads_ask_the_cache_five_times_and_redirect(client_for, admin, monkeypatch):
    client = client_for(admin)
    client.post("/bench/bare-post/", {"q1": "yes"})  # the account is kept
    calls = record_cache_calls(monkeypatch)
    assert client.post("/bench/bare-reads/", {"q1": "yes"}).status_code == 302
    asked = [keys for keys in called(calls, "get") if any(key.startswith("bench:") for key in keys)]
    assert asked == [{f"bench:nothing:{n}"} for n in range(5)]
