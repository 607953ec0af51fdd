"""Every e-mail goes through the outbox: nothing on rollback, nothing lost in an outage."""

from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.lib import outbox
from portal.lib.email import send_templated_email
from portal.models import OutboxMessage
from tests.factories import UserFactory


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise SMTPServerDisconnected("mail server unreachable")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


def verification_mail(user):
    send_templated_email(
        template="presenter_review",
        to=[user.email],
        context={"presenter": {"name": user.full_name}, "status": "承認", "reason": ""},
    )


def test_a_committed_change_sends_its_mail_once(db, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        verification_mail(user)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)
    assert len(mail.outbox) == 1
    assert outbox.drain() == (0, 0)
    assert len(mail.outbox) == 1


def failing_change(user):
    with transaction.atomic():
        verification_mail(user)
        raise RuntimeError("the change failed")


def test_a_rolled_back_change_sends_nothing(db, django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        failing_change(user)
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_an_outage_delays_mail_and_the_command_delivers_it_later(
    db, django_capture_on_commit_callbacks, monkeypatch, smtp_down
):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        verification_mail(user)
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxMessage.Status.PENDING, 1)
    assert "unreachable" in message.last_error
    assert message.next_attempt_at > timezone.now()

    call_command("send_outbox")  # not due yet: nothing happens
    message.refresh_from_db()
    assert message.attempts == 1

    monkeypatch.undo()  # the mail server is back
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("send_outbox")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 2)
    assert len(mail.outbox) == 1


def test_after_the_last_retry_the_message_is_marked_failed_for_staff(db, smtp_down):
    message = OutboxMessage.objects.create(to=["a@example.jp"], subject="s", body_text="b")
    for _ in range(len(outbox.BACKOFF_MINUTES) + 1):
        OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        outbox.drain()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    outbox.retry(message)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING


def test_password_reset_mail_goes_through_the_outbox(client, admin):
    client.post(reverse("account_reset_password"), {"email": admin.email})
    assert OutboxMessage.objects.filter(to=[admin.email]).exists()


def test_staff_see_failed_messages(client_for, staff):
    OutboxMessage.objects.create(
        to=["a@example.jp"], subject="届かなかったメール", body_text="b", status=OutboxMessage.Status.FAILED
    )
    response = client_for(staff).get("/admin/portal/outboxmessage/", {"status__exact": "failed"})
    assert "届かなかったメール" in response.content.decode()


def test_the_mail_server_is_called_with_no_transaction_or_row_lock_open(transactional_db, monkeypatch):
    """A slow mail server must not hold a database lock (or a request's transaction) open."""
    from django.db import connection

    seen = []

    def send(self, messages):
        seen.append(connection.in_atomic_block)
        return len(messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", send)
    message = OutboxMessage.objects.create(to=["a@example.jp"], subject="s", body_text="b")
    assert outbox.deliver(message.pk)
    assert seen == [False]


def test_a_message_being_sent_is_not_sent_again_by_another_worker(db, monkeypatch):
    message = OutboxMessage.objects.create(to=["a@example.jp"], subject="s", body_text="b")
    second_tries = []

    def send(self, messages):
        try:  # another worker, while the first one sends: the task runner retries it later
            outbox.deliver(message.pk)
        except outbox.StillClaimed:
            second_tries.append("waits")
        return len(messages)

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", send)
    assert outbox.deliver(message.pk)
    assert second_tries == ["waits"]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.SENT, 1)
    assert outbox.deliver(message.pk) is False  # the retry finds it sent and does nothing


def test_a_dead_workers_claim_is_taken_again_once_its_lease_has_passed(db):
    """The worker died between its claim and the mail server's answer: nothing was sent."""
    message = OutboxMessage.objects.create(
        to=["a@example.jp"],
        subject="s",
        body_text="b",
        status=OutboxMessage.Status.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(seconds=30),
    )
    with pytest.raises(outbox.StillClaimed):
        outbox.deliver(message.pk)
    assert mail.outbox == []
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert outbox.drain() == (1, 0)
    message.refresh_from_db()
    assert (message.status, message.attempts, len(mail.outbox)) == (OutboxMessage.Status.SENT, 2, 1)
