"""Attempts recorded at once on PostgreSQL, where an attempt that can issue nothing and its
count in the learner's progress row are one statement in its own transaction."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services
from learning.models import Attempt, Certificate, Progress
from tests.factories import UserFactory
from tests.helpers import at_once
from tests.learning.conftest import a_draw, right_answers, wrong_answers

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the one-statement attempt and concurrent transactions need PostgreSQL (CI runs it)",
    ),
    pytest.mark.django_db(transaction=True),
]


def record(learner, theme, answers):
    """Record the answers of a quiz form (`right_answers`, `wrong_answers`) as the view does."""
    questions = a_draw(theme).questions
    chosen = {q.pk: int(answers[f"q_{q.pk}"]) for q in questions}
    graded = services.quiz_grade(questions=questions, answers=chosen)
    return services.attempt_record(user=learner, theme=theme, graded=graded)


def test_a_counted_attempt_is_one_statement_committed_at_once(theme1):
    learner = UserFactory()
    record(learner, theme1, right_answers(theme1))
    with CaptureQueriesContext(connection) as queries:
        attempt, issued = record(learner, theme1, wrong_answers(theme1))
    written = [q["sql"] for q in queries if q["sql"].startswith(("WITH", "INSERT", "UPDATE", "DELETE"))]
    assert len(written) == 1 and written[0].startswith("WITH counted AS (UPDATE learning_progress")
    assert issued == [] and not connection.in_atomic_block
    assert Attempt.objects.filter(pk=attempt.pk, passed=False).exists()
    assert Progress.objects.get(user=learner, theme=theme1).attempts == 2


def test_a_first_attempt_writes_nothing_in_one_statement_and_makes_the_row(theme1):
    learner = UserFactory()
    attempt, issued = record(learner, theme1, right_answers(theme1))
    assert [certificate.theme for certificate in issued] == [theme1]
    assert list(Attempt.objects.values_list("pk", flat=True)) == [attempt.pk]  # written once
    progress = Progress.objects.get(user=learner, theme=theme1)
    assert (progress.attempts, progress.passed_at == attempt.created_at) == (1, True)


def test_passes_recorded_at_once_are_each_counted_and_issue_one_certificate(theme1):
    learner = UserFactory()
    record(learner, theme1, wrong_answers(theme1))  # the row exists; the first pass is still to come
    outcomes = at_once(*[lambda: record(learner, theme1, right_answers(theme1))] * 6)
    assert [outcome for outcome in outcomes if isinstance(outcome, Exception)] == []
    issued = [certificate for _attempt, certificates in outcomes for certificate in certificates]
    assert [certificate.theme for certificate in issued] == [theme1]
    assert Certificate.objects.filter(user=learner, theme=theme1).count() == 1
    assert Attempt.objects.filter(user=learner).count() == 7
    assert Progress.objects.get(user=learner, theme=theme1).attempts == 7
