"""What a form asks of the shared cache (Redis in production), call by call. Each call is a
round trip, and on a busy two-core server a round trip costs more than most of a form's own
work (README, issue 18's eighth round): a diagnosis submission and a quiz ask three times (the
session, the account, the pages retired after the commit)."""

import pytest

from portal.lib import memo
from tests.helpers import form_data, record_cache_calls
from tests.learning.conftest import right_answers


@pytest.fixture(autouse=True)
def as_deployed(settings, monkeypatch):
    settings.STATISTICS_IN_WORKER = True  # the submission marks, the worker counts
    # Both requests fall in the same second, however slow the test's database is: what a
    # process keeps for a second (the content's generation) is read by the first only.
    monkeypatch.setattr(memo.time, "monotonic", lambda: 1000.0)


def asked(calls) -> list[str]:
    return [method for method, _keys in calls]


def test_a_diagnosis_submission(
    client_for, admin, questionnaire, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/diagnosis/take/", form_data())  # the first reads what the next ones keep
    calls = record_cache_calls(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/diagnosis/take/", form_data())
    assert response.status_code == 302
    assert asked(calls) == ["get", "get_many", "set_many"], calls


def test_a_quiz(client_for, member, theme1, monkeypatch, django_capture_on_commit_callbacks):
    client = client_for(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/learning/1/quiz/", right_answers(theme1))
    calls = record_cache_calls(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/learning/1/quiz/", right_answers(theme1))
    assert response.status_code == 302
    assert asked(calls) == ["get", "get_many", "set_many"], calls
