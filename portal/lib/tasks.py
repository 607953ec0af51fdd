"""Work done outside requests and on a schedule, on django-q2's task runner (README "Tasks").

Two ways in:

- `later("app.jobs.function", *args)` runs a job once, soon. With the worker (the default),
  the task is a row in the same database, written in the caller's transaction: a rolled-back
  change queues nothing and a committed one cannot lose its task. With `TASKS_INLINE` (the
  tests, or a deployment without a worker) the job runs in the same process after the commit.
- `@every("cron", name=...)` on a job function in an app's `jobs.py` runs it on a schedule.
  `sync_schedules()` (after `migrate`, and when a worker starts) writes the schedules into
  django-q2's table, where one worker at a time turns a due schedule into a task.

Every job must be idempotent: the runner re-delivers a task whose worker died before it
finished (after `TASK_RETRY_SECONDS`) and retries a failed one up to `TASK_MAX_ATTEMPTS` times,
so a job may run again after doing part or all of its work.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

# Our schedules are named with this prefix, so that a removed job's schedule is removed too
# and schedules made by hand in the admin are left alone.
PREFIX = "portal:"


@dataclass(frozen=True)
class Schedule:
    name: str
    func: str
    cron: str


SCHEDULES: dict[str, Schedule] = {}


def every(cron: str, *, name: str) -> Callable:
    """Run the decorated job on `cron` (minute hour day month weekday, in TIME_ZONE)."""

    def register(job: Callable) -> Callable:
        SCHEDULES[name] = Schedule(name=PREFIX + name, func=f"{job.__module__}.{job.__name__}", cron=cron)
        return job

    return register


def later(func: str, *args, group: str = "") -> None:
    """Run the job `func` (a dotted path) with `args` soon, if the current transaction commits."""
    if settings.TASKS_INLINE:
        transaction.on_commit(lambda: import_string(func)(*args))
        return
    from django_q.tasks import async_task  # the runner's modules read settings when imported

    async_task(func, *args, group=group or func.rsplit(".", 1)[-1])


def sync_schedules() -> tuple[int, int]:
    """Make the runner's schedule table hold exactly our schedules. Returns (written, removed)."""
    from django_q.models import Schedule as QSchedule

    for schedule in SCHEDULES.values():
        QSchedule.objects.update_or_create(
            name=schedule.name,
            defaults={
                "func": schedule.func,
                "schedule_type": QSchedule.CRON,
                "cron": schedule.cron,
                "repeats": -1,
            },
        )
    stale = QSchedule.objects.filter(name__startswith=PREFIX).exclude(
        name__in=[schedule.name for schedule in SCHEDULES.values()]
    )
    removed, _by_model = stale.delete()
    return len(SCHEDULES), removed
