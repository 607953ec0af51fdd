"""Results completed at once on PostgreSQL, where a result of an organisation without a draft
and its mark for the worker are one statement in its own transaction."""

from functools import partial

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from diagnosis import jobs, services
from diagnosis.models import Assessment, PendingRecount, Status
from tests.diagnosis.brute_force import assert_aggregates_match
from tests.factories import MembershipFactory
from tests.helpers import answers, at_once

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the one-statement result and concurrent transactions need PostgreSQL (CI runs it)",
    ),
    pytest.mark.django_db(transaction=True),
]


def complete(questionnaire, membership, default="yes"):
    return services.assessment_complete(
        questionnaire=questionnaire,
        organisation=membership.organisation,
        user=membership.user,
        answers=answers(default),
    )


def complete_at_once(questionnaire, memberships):
    results = at_once(*(partial(complete, questionnaire, membership, "partly") for membership in memberships))
    assert [result for result in results if isinstance(result, Exception)] == []
    return results


def test_a_result_and_its_mark_are_one_statement_committed_at_once(in_worker, questionnaire):
    membership = MembershipFactory(role="admin")
    with CaptureQueriesContext(connection) as queries:
        result = complete(questionnaire, membership)
    diagnosis = [query["sql"] for query in queries if "diagnosis_assessment" in query["sql"]]
    assert len(diagnosis) == 1  # no draft read apart, no mark written apart: one statement
    assert (
        diagnosis[0].startswith("WITH result AS (INSERT INTO") and "diagnosis_pendingrecount" in diagnosis[0]
    )
    assert not connection.in_atomic_block

    def read_elsewhere():  # on another connection: both are committed
        return (
            Assessment.objects.filter(pk=result.pk, status=Status.COMPLETED).exists(),
            PendingRecount.objects.filter(organisation=membership.organisation).exists(),
        )

    assert at_once(read_elsewhere) == [(True, True)]
    assert result.total_score == 100 and not result.counted_in_statistics
    assert jobs.statistics_catch_up() == 1
    assert_aggregates_match()


def test_results_completed_at_once_take_over_the_draft_once(in_worker, questionnaire):
    membership = MembershipFactory(role="admin")
    draft = services.assessment_save_draft(
        questionnaire=questionnaire,
        organisation=membership.organisation,
        user=membership.user,
        answers={"1": "no"},
    )
    results = complete_at_once(questionnaire, [membership] * 6)

    rows = Assessment.objects.filter(organisation=membership.organisation)
    assert sorted(result.pk for result in results) == sorted(rows.values_list("pk", flat=True))
    assert [result.pk for result in results].count(draft.pk) == 1  # the draft became one of them
    assert set(rows.values_list("status", flat=True)) == {Status.COMPLETED}  # no draft is left
    assert PendingRecount.objects.filter(organisation=membership.organisation).count() == 1
    assert jobs.statistics_catch_up() == 1
    assert_aggregates_match()


def test_organisations_completing_at_once_are_each_marked_and_counted(in_worker, questionnaire):
    memberships = [MembershipFactory(role="admin") for _ in range(8)]
    results = complete_at_once(questionnaire, memberships)
    assert len({result.pk for result in results}) == 8
    assert PendingRecount.objects.count() == 8
    assert jobs.statistics_catch_up() == 8
    assert_aggregates_match()
