"""Finding 1 (High): a reviewer read the superuser's reset link in the admin's outbox and took
over the superuser account. Mail bodies that act for the recipient are never readable."""

import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from portal.lib import outbox
from portal.models import AuditEntry, OutboxMessage
from tests.factories import PASSWORD, UserFactory

RESET_LINK = re.compile(r"/accounts/password/reset/key/[^\s\"<]+")


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@portal.example.jp", is_staff=True, is_superuser=True)


def ask_reset_for(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": email})


def test_a_reviewer_cannot_read_the_superusers_reset_link(
    client, client_for, superuser, reviewer, django_capture_on_commit_callbacks
):
    ask_reset_for(client, superuser.email, django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get(to=[superuser.email])
    assert RESET_LINK.search(mail.outbox[-1].body), "the mail itself carries the link"

    staff_client = client_for(reviewer)
    listing = staff_client.get(reverse("admin:portal_outboxmessage_changelist")).content.decode()
    detail = staff_client.get(reverse("admin:portal_outboxmessage_change", args=[message.pk])).content.decode()
    assert not RESET_LINK.search(listing) and not RESET_LINK.search(detail)
    assert "/accounts/password/reset/key/" not in detail

    # Nothing in the database to read either: the body is redacted once sent.
    message.refresh_from_db()
    assert not RESET_LINK.search(message.body_text + message.body_html)
    assert message.body_text == outbox.REDACTED

    # The takeover the review performed now ends at the login.
    staff_client.post(reverse("account_logout"))
    response = client.post(reverse("account_login"), {"login": superuser.email, "password": PASSWORD})
    assert get_user(client) == superuser or response.status_code == 302  # the owner still gets in
    superuser.refresh_from_db()
    assert superuser.check_password(PASSWORD), "nobody else set a new password"


def test_even_a_superuser_sees_metadata_only(client_for, superuser, db):
    message = OutboxMessage.objects.create(
        to=["a@example.jp"], subject="件名", body_text="本文 https://x/accounts/password/reset/key/1-abc/"
    )
    body = client_for(superuser).get(reverse("admin:portal_outboxmessage_change", args=[message.pk]))
    assert "件名" in body.content.decode()
    assert "reset/key" not in body.content.decode()


@pytest.mark.parametrize("template_kind", ["signup", "invitation"])
def test_verification_and_invitation_links_are_redacted_after_sending(
    client, client_for, organisation, admin, template_kind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        if template_kind == "signup":
            client.post(
                reverse("account_signup"),
                {"email": "new@example.jp", "password1": PASSWORD, "password2": PASSWORD},
            )
        else:
            client_for(admin).post(
                reverse("organisations:invite", args=[organisation.pk]), {"email": "new@example.jp", "role": "member"}
            )
    message = OutboxMessage.objects.get(to=["new@example.jp"])
    assert message.carries_secret
    assert message.body_text == outbox.REDACTED and message.body_html == ""
    assert "new@example.jp" in mail.outbox[-1].to and "http" in mail.outbox[-1].body


def test_a_secret_mail_that_finally_fails_is_redacted_too(db, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    message = OutboxMessage.objects.create(
        to=["a@example.jp"], subject="s", body_text="https://x/reset/K3y-T0ken", carries_secret=True
    )
    for _ in range(len(outbox.BACKOFF_MINUTES) + 1):
        OutboxMessage.objects.update(next_attempt_at=message.created_at)
        outbox.drain()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert "K3y-T0ken" not in message.body_text


def test_looking_at_the_outbox_is_audited(client_for, reviewer, db):
    message = OutboxMessage.objects.create(to=["a@example.jp"], subject="s", body_text="b")
    client = client_for(reviewer)
    client.get(reverse("admin:portal_outboxmessage_changelist"))
    client.get(reverse("admin:portal_outboxmessage_change", args=[message.pk]))
    assert sorted(
        AuditEntry.objects.filter(actor=reviewer, action__startswith="outbox.").values_list("action", flat=True)
    ) == ["outbox.list", "outbox.view"]
