"""The one way the portal sends e-mail: an outbox in the database.

A message is written in the same transaction as the change it reports, so a rolled-back
change sends nothing; after the commit it is sent at once, and if the mail server is down
it stays pending and is retried with growing pauses by `manage.py send_outbox`. An outage
delays mail; it never loses it.

A message whose body carries a secret link (a sign-up confirmation, a password reset, an
invitation) is redacted as soon as it has gone out or has finally failed: the database never
keeps a usable link longer than the mail server needs it, and nobody reads one in the admin.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from portal.lib.audit import audit
from portal.models import OutboxMessage

log = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, … failure; after the last, the message is marked failed.
BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720]
REDACTED = "[redacted: this message carried a secret link]"
# How long a worker may take to hand one message to the mail server before another may try.
SENDING_LEASE = timedelta(minutes=5)


def enqueue(*, to: list[str], subject: str, text: str, html: str = "", secret: bool = False) -> OutboxMessage:
    """Queue a message; `secret=True` when its body holds a link or code that acts for the recipient."""
    message = OutboxMessage.objects.create(
        to=to, subject=subject, body_text=text, body_html=html, carries_secret=secret
    )
    transaction.on_commit(lambda: deliver(message.pk))
    return message


def _redact(message: OutboxMessage) -> list[str]:
    if not message.carries_secret:
        return []
    message.body_text, message.body_html = REDACTED, ""
    return ["body_text", "body_html"]


def _claim(pk: int) -> OutboxMessage | None:
    """Take a due message for one sending attempt, in a short transaction of its own.

    The row lock is held only while the claim is written: pushing `next_attempt_at` a lease
    ahead keeps every other worker away while this one talks to the mail server, with no lock
    and no transaction open. If the worker dies mid-send, the message is due again once the
    lease has passed (sent at least once, as before).
    """
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
            .first()
        )
        if message is None:  # sent already, not due, or another worker has it
            return None
        message.attempts += 1
        message.next_attempt_at = timezone.now() + SENDING_LEASE
        message.save(update_fields=["attempts", "next_attempt_at", "updated_at"])
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
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = sum(1 for pk in due if deliver(pk))
    return sent, len(due) - sent


def retry(message: OutboxMessage, *, actor=None) -> None:
    """Staff put a failed message back in the queue."""
    with transaction.atomic():
        message.status = OutboxMessage.Status.PENDING
        message.next_attempt_at = timezone.now()
        message.save(update_fields=["status", "next_attempt_at", "updated_at"])
        audit("outbox.retry", actor=actor, target=message.subject)
