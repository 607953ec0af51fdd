"""SECURITY ACTION's scheduled jobs (portal/lib/tasks.py)."""

from declaration import services
from portal.lib.tasks import every


@every("5 * * * *", name="reconfirmation")
def reconfirmation() -> dict[str, int]:
    """Reminders 30 and 7 days before a declaration is due, and lapses past the grace period.

    Hourly, though the dates change daily: a worker that was down catches up within the hour,
    and each reminder and lapse happens once whatever the number of runs."""
    return {"reminded": services.reconfirmation_remind(), "lapsed": services.reconfirmation_lapse()}
