"""What a form asks of the shared cache (Redis in production), call by call. Each call is a
round trip, and on a busy two-core server a round trip costs more than most of a form's own
work (README, issue 18's eighth round): a diagnosis submission and a quiz ask three times (the
session, the account, the pages retired after the commit)."""

import pytest
from django.core.cache import cache

from portal.lib import memo
from tests.helpers import form_data
from tests.learning.conftest import right_answers

METHODS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "touch")


@pytest.fixture
def cache_calls(monkeypatch):
    """The shared cache's calls from now on, in order, as (method, keys)."""
    calls, inside = [], []

    def recording(method):
        original = getattr(cache, method)

        def call(key_or_keys, *args, **kwargs):
            if inside:  # the test's cache (locmem) makes `set_many` of `set`s; Redis, one call
                return original(key_or_keys, *args, **kwargs)
            keys = [key_or_keys] if isinstance(key_or_keys, str) else sorted(key_or_keys)
            calls.append((method, keys))
            inside.append(method)
            try:
                return original(key_or_keys, *args, **kwargs)
            finally:
                inside.pop()

        return call

    def start():
        for method in METHODS:
            monkeypatch.setattr(cache, method, recording(method))
        return calls

    return start


@pytest.fixture(autouse=True)
def as_deployed(settings, monkeypatch):
    settings.STATISTICS_IN_WORKER = True  # the submission marks, the worker counts
    # Both requests fall in the same second, however slow the test's database is: what a
    # process keeps for a second (the content's generation) is read by the first only.
    monkeypatch.setattr(memo.time, "monotonic", lambda: 1000.0)


def asked(calls) -> list[str]:
    return [method for method, _keys in calls]


def test_a_diagnosis_submission(
    client_for, admin, questionnaire, cache_calls, django_capture_on_commit_callbacks
):
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/diagnosis/take/", form_data())  # the first reads what the next ones keep
    calls = cache_calls()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/diagnosis/take/", form_data())
    assert response.status_code == 302
    assert asked(calls) == ["get", "get_many", "set_many"], calls


def test_a_quiz(client_for, member, theme1, cache_calls, django_capture_on_commit_callbacks):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/learning/1/quiz/", right_answers(theme1))
    calls = cache_calls()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/learning/1/quiz/", right_answers(theme1))
    assert response.status_code == 302
    assert asked(calls) == ["get", "get_many", "set_many"], calls
