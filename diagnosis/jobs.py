"""The self-diagnosis' jobs (portal/lib/tasks.py)."""

from diagnosis import services
from portal.lib.tasks import every


@every("* * * * *", name="statistics-catch-up")
def statistics_catch_up() -> int:
    """Count the results saved since the last run in the peer aggregates. Queued by the first
    result after a run, and every minute as a safety net; idempotent (a recount of an
    organisation already counted changes nothing)."""
    return services.statistics_catch_up()
