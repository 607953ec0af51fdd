"""Finding 8 (Low): 25 password resets queued 25 mails to one victim. Reset, sign-up and
verification mails are throttled per address and per client address, with a clear message."""

import pytest
from django.urls import reverse

from portal.models import OutboxMessage
from tests.factories import PASSWORD


def test_25_resets_send_at_most_three_mails_to_one_victim(client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(reverse("account_reset_password"), {"email": admin.email}) for _ in range(25)]
    assert OutboxMessage.objects.filter(to=[admin.email]).count() == 3
    assert responses[-1].status_code == 429
    assert "しばらく時間をおいてから" in responses[-1].content.decode()


def test_resets_from_one_address_are_limited_across_victims(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(reverse("account_reset_password"), {"email": f"v{n}@example.jp"}).status_code
            for n in range(12)
        ]
    assert statuses.count(429) == 2


def test_sign_ups_from_one_client_address_are_limited(client, db):
    statuses = [
        client.post(
            reverse("account_signup"),
            {"email": f"bulk{n}@example.jp", "password1": PASSWORD, "password2": PASSWORD},
        ).status_code
        for n in range(12)
    ]
    assert statuses.count(429) == 2


@pytest.mark.parametrize("attempts", [6])
def test_verification_mails_to_one_address_are_limited(client, db, attempts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"), {"email": "slow@example.jp", "password1": PASSWORD, "password2": PASSWORD}
        )
        for _ in range(attempts):  # each unverified login sends the link again, until the limit
            client.post(reverse("account_login"), {"login": "slow@example.jp", "password": PASSWORD})
    assert OutboxMessage.objects.filter(to=["slow@example.jp"]).count() <= 3
