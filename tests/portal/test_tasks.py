"""The task runner: jobs queued in the caller's transaction, schedules written from the code.

A real worker killed mid-job is benchmarks/faults.py's fourth scenario (run by CI): it must
deliver every queued mail once, none lost and none twice.
"""

import os
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_q.models import OrmQ
from django_q.models import Schedule as QSchedule
from django_q.scheduler import scheduler

from portal import jobs
from portal.lib import tasks
from portal.models import OutboxMessage

CALLS = []


def record(*args):
    CALLS.append(args)


@pytest.fixture(autouse=True)
def _no_calls():
    CALLS.clear()


@pytest.fixture
def queued(settings):
    """Tasks go to the runner's queue, as in production."""
    settings.TASKS_INLINE = False


def queue_then_fail(*args):
    with transaction.atomic():
        tasks.later("tests.portal.test_tasks.record", *args)
        assert OrmQ.objects.count() == int(not tasks.settings.TASKS_INLINE)
        raise RuntimeError("the change failed")


def test_inline_a_job_runs_after_the_commit_and_never_after_a_rollback(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tasks.later("tests.portal.test_tasks.record", 1, "a")
        assert CALLS == []  # not before the commit
    assert CALLS == [(1, "a")]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        queue_then_fail(2)
    assert CALLS == [(1, "a")]


def test_a_task_is_written_in_the_callers_transaction(db, queued):
    with pytest.raises(RuntimeError):
        queue_then_fail(1)
    assert not OrmQ.objects.exists()  # a rolled-back change queues nothing

    tasks.later("tests.portal.test_tasks.record", 7, group="tests")
    task = OrmQ.objects.get().task
    assert (task["func"], task["args"], task["group"]) == ("tests.portal.test_tasks.record", (7,), "tests")
    assert CALLS == []  # the worker runs it, not this process


def test_a_mail_is_queued_with_its_task(db, queued):
    from portal.lib import outbox

    with transaction.atomic():
        message = outbox.enqueue(to=["a@example.jp"], subject="件名", text="本文")
    task = OrmQ.objects.get().task
    assert (task["func"], task["args"]) == ("portal.lib.outbox.deliver", (message.pk,))
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING


def test_every_scheduled_job_has_its_schedule_and_nothing_else_of_ours(db):
    QSchedule.objects.create(
        name=tasks.PREFIX + "a-removed-job", func="portal.jobs.gone", schedule_type="C", cron="0 0 * * *"
    )
    QSchedule.objects.create(name="made by hand", func="portal.jobs.prune", schedule_type=QSchedule.DAILY)
    written, removed = tasks.sync_schedules()
    assert (written, removed) == (len(tasks.SCHEDULES), 1)
    ours = dict(QSchedule.objects.filter(name__startswith=tasks.PREFIX).values_list("name", "func"))
    assert ours == {schedule.name: schedule.func for schedule in tasks.SCHEDULES.values()}
    assert ours[tasks.PREFIX + "outbox-drain"] == "portal.jobs.drain_outbox"
    assert QSchedule.objects.filter(name="made by hand").exists()
    assert tasks.sync_schedules() == (len(tasks.SCHEDULES), 0)  # idempotent
    assert QSchedule.objects.filter(name__startswith=tasks.PREFIX).count() == len(tasks.SCHEDULES)


def test_a_due_schedule_becomes_one_queued_task(db, monkeypatch):
    # The scheduler closes stale connections first, as its own process does: not the test's.
    monkeypatch.setattr("django_q.scheduler.close_old_django_connections", lambda: None)
    tasks.sync_schedules()
    drain = QSchedule.objects.get(name=tasks.PREFIX + "outbox-drain")
    QSchedule.objects.exclude(pk=drain.pk).update(next_run=timezone.now() + timedelta(days=1))
    drain.next_run = timezone.now() - timedelta(seconds=1)
    drain.save()
    scheduler()
    scheduler()  # the next run is a minute away: nothing more
    assert [task.task["func"] for task in OrmQ.objects.all()] == ["portal.jobs.drain_outbox"]
    drain.refresh_from_db()
    assert drain.next_run > timezone.now()


def test_the_worker_command_writes_the_schedules_before_it_runs(db, monkeypatch):
    started = []
    monkeypatch.setattr("portal.management.commands.worker.call_command", lambda name: started.append(name))
    monkeypatch.setattr(os, "nice", lambda increment: 0)
    QSchedule.objects.all().delete()
    call_command("worker")
    assert started == ["qcluster"]
    assert QSchedule.objects.filter(name__startswith=tasks.PREFIX).count() == len(tasks.SCHEDULES)


@pytest.mark.parametrize("niceness", [10, 0])
def test_the_worker_yields_the_cpu_to_the_web_servers(db, monkeypatch, settings, niceness):
    """Set before the cluster forks, so that every one of its processes runs that much nicer."""
    settings.TASK_WORKER_NICENESS = niceness
    events = []
    monkeypatch.setattr(os, "nice", lambda increment: events.append(("nice", increment)))
    monkeypatch.setattr("portal.management.commands.worker.call_command", lambda name: events.append(name))
    call_command("worker")
    assert events == ([("nice", niceness)] if niceness else []) + ["qcluster"]


def test_pruning_removes_what_has_served_its_time_and_only_that(db):
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="x", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="live", session_data="x", expire_date=now + timedelta(days=1))
    old_mail = OutboxMessage.objects.create(
        to=["a@example.jp"],
        subject="old",
        body_text="b",
        status=OutboxMessage.Status.SENT,
        sent_at=now - timedelta(days=jobs.SENT_MAIL_DAYS + 1),
    )
    OutboxMessage.objects.create(
        to=["a@example.jp"], subject="recent", body_text="b", status=OutboxMessage.Status.SENT, sent_at=now
    )
    OutboxMessage.objects.create(to=["a@example.jp"], subject="waiting", body_text="b")
    assert jobs.prune() == {"sessions": 1, "mail": 1, "task_failures": 0}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
    assert set(OutboxMessage.objects.values_list("subject", flat=True)) == {"recent", "waiting"}
    assert not OutboxMessage.objects.filter(pk=old_mail.pk).exists()
    assert jobs.prune() == {"sessions": 0, "mail": 0, "task_failures": 0}  # idempotent


def test_the_register_inbox_is_imported_once_per_file(db, settings, tmp_path):
    import shutil
    from pathlib import Path

    from portal.models import CorporateRecord

    settings.CORPORATE_REGISTER_INBOX = ""
    assert jobs.import_corporate_register_inbox() == []  # not configured: nothing to do
    fixtures = Path(__file__).parent / "corporate_register"
    for name in ("13_tokyo_all_20260130.zip", "diff_20260202.csv"):
        shutil.copy(fixtures / name, tmp_path / name)
    (tmp_path / "readme.txt").write_text("not a register file")
    settings.CORPORATE_REGISTER_INBOX = str(tmp_path)
    first = jobs.import_corporate_register_inbox()
    assert len(first) == 2 and "already imported" not in " ".join(first)
    records = CorporateRecord.objects.count()
    assert records > 0
    again = jobs.import_corporate_register_inbox()
    assert all("already imported" in line for line in again)
    assert CorporateRecord.objects.count() == records
