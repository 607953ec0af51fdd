"""The client's address behind reverse proxies: for rate limits, lockouts and the audit log."""

import pytest

from portal.lib.clients import client_ip


@pytest.mark.parametrize(
    "proxies,forwarded,expected",
    [
        ([], "203.0.113.9", "10.0.0.2"),  # no proxy trusted: the header is ignored (it can be forged)
        (["10.0.0.2"], "203.0.113.9", "203.0.113.9"),
        (["10.0.0.2"], "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote 6.6.6.6
        (["10.0.0.0/24"], "6.6.6.6, 203.0.113.9, 10.0.0.1", "203.0.113.9"),  # two of our proxies
        (["10.0.0.2"], "", "10.0.0.2"),  # no header after all: the connection's address
        (["10.0.0.2"], "6.6.6.6, garbage", "10.0.0.2"),  # no address where one should be
        (["192.0.2.1"], "203.0.113.9", "10.0.0.2"),  # not from our proxy: the header is not believed
    ],
)
def test_client_ip(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_proxy_each_visitor_has_their_own_api_limit(client, db, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    settings.API_RATE_LIMIT_PER_MINUTE = 2

    def fetch(visitor):
        return client.get(
            "/api/v1/declarations", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor
        ).status_code

    assert [fetch("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert fetch("203.0.113.2") == 200  # another visitor through the same proxy


def test_lockouts_count_the_visitor_not_the_proxy(settings):
    from allauth.account.adapter import get_adapter
    from django.test import RequestFactory

    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert get_adapter(request).get_client_ip(request) == "203.0.113.7"
