"""Where a worker runs, a completed result is counted in the peer aggregates by the worker: the
request marks its organisation and queues one catch-up for any number of results; the catch-up
leaves the aggregates exactly as a recount from scratch would."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ

from diagnosis import jobs, services
from diagnosis.models import PeerStatistics, PendingRecount
from portal.lib import memo
from tests.diagnosis.brute_force import assert_aggregates_match
from tests.factories import OrganisationFactory, UserFactory
from tests.helpers import form_data


def queued_catch_ups() -> int:
    return sum(task.task["func"] == "diagnosis.jobs.statistics_catch_up" for task in OrmQ.objects.all())


def test_results_wait_for_one_catch_up_that_counts_them_all(in_worker, complete):
    organisations = [OrganisationFactory(industry="E", size_band="6-20") for _ in range(3)]
    for organisation in organisations:
        complete(organisation)
    complete(organisations[0], "partly")  # a second result of the same organisation
    assert PendingRecount.objects.count() == 3
    assert queued_catch_ups() == 1  # four results, one task
    assert not PeerStatistics.objects.filter(count__gt=0).exists()  # nothing counted in the request

    assert jobs.statistics_catch_up() == 3
    assert not PendingRecount.objects.exists()
    assert_aggregates_match()
    assert PeerStatistics.objects.get(industry="", size_band="").count == 3
    assert jobs.statistics_catch_up() == 0  # idempotent

    complete(organisations[1], "no")  # within the window: it waits for the next run
    assert queued_catch_ups() == 1
    cache.delete(services.CATCH_UP_QUEUED)  # the window has passed…
    memo.forget_all()  # …and so has this process's last second of not asking
    complete(organisations[2], "no")
    assert queued_catch_ups() == 2
    jobs.statistics_catch_up()
    assert_aggregates_match()


def test_a_process_asks_for_a_catch_up_at_most_once_a_second(in_worker, complete, monkeypatch):
    asked = []

    class Counting:
        def __getattr__(self, name):
            return getattr(cache, name)

        def add(self, key, *args, **kwargs):
            asked.append(key)
            return cache.add(key, *args, **kwargs)

    monkeypatch.setattr(services, "cache", Counting())
    organisations = [OrganisationFactory() for _ in range(3)]
    for organisation in organisations:
        complete(organisation)
    assert asked == [services.CATCH_UP_QUEUED]  # three results, one round trip
    assert queued_catch_ups() == 1 and PendingRecount.objects.count() == 3
    cache.delete(services.CATCH_UP_QUEUED)  # the window has passed, but not this process's second
    complete(organisations[0], "no")
    assert len(asked) == 1 and queued_catch_ups() == 1  # its mark waits for the next catch-up
    memo.forget_all()  # a second later
    complete(organisations[1], "no")
    assert len(asked) == 2 and queued_catch_ups() == 2


def test_a_mark_renewed_during_a_catch_up_is_left_for_the_next_run(in_worker, complete, monkeypatch):
    organisation = OrganisationFactory()
    complete(organisation)
    recount = services._recount_changes
    seen = []

    def recount_while_a_new_result_arrives(org):
        seen.append(org.pk)
        if len(seen) == 1:  # another result of this organisation, saved during the first pass
            complete(org, "partly")
        return recount(org)

    monkeypatch.setattr(services, "_recount_changes", recount_while_a_new_result_arrives)
    assert services.statistics_catch_up() == 1
    assert seen == [organisation.pk]  # the run does not chase results that came after it began
    renewed = PendingRecount.objects.get()  # ... but the renewed mark is not lost
    assert renewed.organisation == organisation

    assert services.statistics_catch_up() == 1  # the next run counts the new result
    assert seen == [organisation.pk, organisation.pk]
    assert not PendingRecount.objects.exists()
    assert_aggregates_match()


def test_a_catch_up_ends_while_results_keep_arriving(in_worker, complete, monkeypatch):
    """Under a steady stream of results every organisation is marked again as soon as it is
    recounted; the run recounts each once and ends instead of chasing them."""
    organisations = [OrganisationFactory() for _ in range(3)]
    for organisation in organisations:
        complete(organisation)
    recount = services._recount_changes
    recounted = []

    def recount_and_mark_again(org):
        recounted.append(org.pk)
        if len(recounted) > 30:
            raise AssertionError("the catch-up is chasing new results")
        changes = recount(org)
        complete(org, "partly" if len(recounted) % 2 else "no")
        return changes

    monkeypatch.setattr(services, "_recount_changes", recount_and_mark_again)
    assert services.statistics_catch_up(batch=2) == 3
    assert sorted(recounted) == sorted(o.pk for o in organisations)
    assert PendingRecount.objects.count() == 3  # each waits for the next run


def test_submitting_the_form_marks_the_organisation(in_worker, client_for, admin, organisation):
    response = client_for(admin).post(reverse("diagnosis:take"), form_data("yes"))
    assert response.status_code == 302
    assert PendingRecount.objects.filter(organisation=organisation).exists()
    jobs.statistics_catch_up()
    assert_aggregates_match()


def test_a_second_result_renews_its_organisations_mark(in_worker, complete):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    complete(organisation)
    complete(other)
    before = {mark.organisation_id: mark.requested_at for mark in PendingRecount.objects.all()}
    complete(organisation, "partly")
    marks = {mark.organisation_id: mark.requested_at for mark in PendingRecount.objects.all()}
    assert set(marks) == {organisation.pk, other.pk}  # one mark each
    assert marks[organisation.pk] > before[organisation.pk]  # renewed
    assert marks[other.pk] == before[other.pk]  # left alone
    assert abs(marks[organisation.pk] - timezone.now()) < timedelta(minutes=1)  # the moment, in UTC


def test_a_draft_becomes_the_result_and_its_organisation_is_marked(in_worker, complete, questionnaire):
    organisation = OrganisationFactory()
    draft = services.assessment_save_draft(
        questionnaire=questionnaire, organisation=organisation, user=UserFactory(), answers={"1": "no"}
    )
    result = complete(organisation)
    assert (result.pk, result.uuid) == (draft.pk, draft.uuid)
    assert list(organisation.assessments.values_list("pk", "status")) == [(draft.pk, "completed")]
    assert PendingRecount.objects.filter(organisation=organisation).exists()
    assert jobs.statistics_catch_up() == 1
    assert_aggregates_match()
    assert organisation.assessments.get().counted_in_statistics


def test_a_rolled_back_result_marks_nothing(in_worker, complete):
    from django.db import transaction

    organisation = OrganisationFactory()

    def failing_request():
        with transaction.atomic():
            complete(organisation)
            raise RuntimeError("the request failed")

    with pytest.raises(RuntimeError):
        failing_request()
    assert not PendingRecount.objects.exists()
    assert jobs.statistics_catch_up() == 0


def test_a_catch_up_deletes_its_batch_of_marks_at_once(in_worker, complete):
    """The marks a batch counted go in one deletion, however many organisations it held."""
    for _ in range(6):
        complete(OrganisationFactory())
    with CaptureQueriesContext(connection) as queries:
        assert services.statistics_catch_up() == 6
    deleted = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert len(deleted) == 1 and "diagnosis_pendingrecount" in deleted[0]
    assert not PendingRecount.objects.exists()
    assert_aggregates_match()
