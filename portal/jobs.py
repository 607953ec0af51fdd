"""The core's scheduled jobs: sending the outbox, and pruning what has served its time.

Each one is idempotent (portal/lib/tasks.py): it may run twice, or stop half-way and run again.
"""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.utils import timezone

from portal.lib import outbox
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
