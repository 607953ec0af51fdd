"""The core's scheduled jobs: sending the outbox, and pruning what has served its time.

Each one is idempotent (portal/lib/tasks.py): it may run twice, or stop half-way and run again.
"""

from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from portal.lib import corporate_register, outbox
from portal.lib.tasks import every
from portal.models import OutboxMessage

# Sent mail is kept this long for staff to answer "did it go out?", then deleted.
SENT_MAIL_DAYS = 90
# Results of finished tasks (django-q2 keeps up to 1,000 successes by itself).
TASK_RESULT_DAYS = 30


@every("* * * * *", name="outbox-drain")
def drain_outbox() -> str:
    """Send what is due: messages waiting for their next attempt after a failure, and any whose
    own task was lost."""
    sent, left = outbox.drain()
    return f"sent {sent}, not sent {left}"


@every("17 3 * * *", name="prune")
def prune() -> dict[str, int]:
    """Expired sessions, sent mail past its keeping time, and old failed task results."""
    from django_q.models import Failure

    now = timezone.now()
    sessions, _by_model = Session.objects.filter(expire_date__lt=now).delete()
    mail, _by_model = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENT, sent_at__lt=now - timedelta(days=SENT_MAIL_DAYS)
    ).delete()
    failures, _by_model = Failure.objects.filter(stopped__lt=now - timedelta(days=TASK_RESULT_DAYS)).delete()
    return {"sessions": sessions, "mail": mail, "task_failures": failures}


@every("40 5 * * *", name="corporate-register")
def import_corporate_register_inbox() -> list[str]:
    """Import the 法人番号 files an operator (or a sync job) drops into CORPORATE_REGISTER_INBOX,
    typically each day's 差分データ. A file already imported is recognised by its digest and
    skipped; one cut off by the task timeout resumes after its last committed batch on the
    next run. One import at a time (the import's own rule), under a lock in the shared cache."""
    inbox = settings.CORPORATE_REGISTER_INBOX
    if not inbox or not cache.add("jobs:corporate-register", True, settings.TASK_TIMEOUT_SECONDS):
        return []
    try:
        files = sorted(path for path in Path(inbox).iterdir() if path.suffix.lower() in {".zip", ".csv"})
        return [corporate_register.import_file(path).summary() for path in files]
    finally:
        cache.delete("jobs:corporate-register")
