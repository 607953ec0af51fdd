"""The one way the portal sends e-mail: an outbox in the database.

A message is written in the same transaction as the change it reports, together with the task
that sends it (portal/lib/tasks.py), so a rolled-back change sends nothing; after the commit a
worker sends it, and if the mail server is down it stays pending and the scheduled drain
(portal/jobs.py) retries it with growing pauses. An outage delays mail; it never loses it.

A worker claims a message for a lease before it talks to the mail server. If the worker dies
mid-send, the task runner delivers the task again; while the lease runs the new attempt waits
(`StillClaimed`, retried later), and once it has passed the message is claimed afresh.

A message whose body carries a secret link (a sign-up confirmation, a password reset, an
invitation) is redacted as soon as it has gone out or has finally failed: the database never
keeps a usable link longer than the mail server needs it, and nobody reads one in the admin.
"""

import logging
from contextlib import suppress
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from portal.lib.audit import audit
from portal.lib.tasks import later
from portal.models import OutboxMessage

log = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failure; after the last, the message is marked failed.
BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720]
REDACTED = "[redacted: this message carried a secret link]"


class StillClaimed(Exception):  # noqa: N818 - a state to wait for, not an error
    """Another attempt holds the message's lease: the task runner retries the task later."""


def sending_lease() -> timedelta:
    """How long a worker may take to hand one message to the mail server before another may try."""
    return timedelta(seconds=settings.OUTBOX_SENDING_LEASE_SECONDS)


def enqueue(*, to: list[str], subject: str, text: str, html: str = "", secret: bool = False) -> OutboxMessage:
    """Queue a message; `secret=True` when its body holds a link or code that acts for the recipient."""
    message = OutboxMessage.objects.create(
        to=to, subject=subject, body_text=text, body_html=html, carries_secret=secret
    )
    later("portal.lib.outbox.deliver", message.pk, group="mail")
    return message


def _redact(message: OutboxMessage) -> list[str]:
    if not message.carries_secret:
        return []
    message.body_text, message.body_html = REDACTED, ""
    return ["body_text", "body_html"]


WAITING = [OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING]


def _claim(pk: int) -> OutboxMessage | None:
    """Take a due message for one sending attempt, in a short transaction of its own.

    The row lock is held only while the claim is written: the `sending` state with a lease in
    `next_attempt_at` keeps every other worker away while this one talks to the mail server,
    with no lock and no transaction open. A claim whose lease has passed belonged to a worker
    that died, and may be taken again.
    """
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
        if message is None or message.status not in WAITING:
            return None  # sent or failed already (or another transaction holds the row)
        if message.next_attempt_at > timezone.now():
            if message.status == OutboxMessage.Status.SENDING:
                raise StillClaimed(pk)
            return None  # waiting for its next attempt after a failure: the drain brings it
        message.status = OutboxMessage.Status.SENDING
        message.attempts += 1
        message.next_attempt_at = timezone.now() + sending_lease()
        message.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        return message


def deliver(pk: int) -> bool:
    """Try to send one due message now. True when it went out."""
    message = _claim(pk)
    if message is None:
        return False
    email = EmailMultiAlternatives(subject=message.subject, body=message.body_text, to=message.to)
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except Exception as error:  # noqa: BLE001 - any transport failure means: try again later
        log.warning("outbox: sending %s failed (attempt %s): %s", message.pk, message.attempts, error)
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        redacted = []
        if message.attempts > len(BACKOFF_MINUTES):
            message.status = OutboxMessage.Status.FAILED
            redacted = _redact(message)
        else:
            message.status = OutboxMessage.Status.PENDING
            message.next_attempt_at = timezone.now() + timedelta(minutes=BACKOFF_MINUTES[message.attempts - 1])
        message.save(update_fields=["last_error", "status", "next_attempt_at", "updated_at", *redacted])
        return False
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.save(update_fields=["status", "sent_at", "updated_at", *_redact(message)])
    return True


def drain(*, limit: int = 500) -> tuple[int, int]:
    """Send every message that is due. Returns (sent, still pending or failed)."""
    due = list(
        OutboxMessage.objects.filter(status__in=WAITING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in due:
        with suppress(StillClaimed):  # claimed again since the list was read
            sent += deliver(pk)
    return sent, len(due) - sent


def retry(message: OutboxMessage, *, actor=None) -> None:
    """Staff put a failed message back in the queue."""
    with transaction.atomic():
        message.status = OutboxMessage.Status.PENDING
        message.next_attempt_at = timezone.now()
        message.save(update_fields=["status", "next_attempt_at", "updated_at"])
        audit("outbox.retry", actor=actor, target=message.subject)
