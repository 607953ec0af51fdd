"""Finding 3 (Medium): a deactivated account re-activated itself by POSTing its old
verification link again, or by asking for a new one before its first login. Deactivation by
staff is final until staff undo it."""

import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD


@pytest.fixture
def signed_up_then_deactivated(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"), {"email": "rogue@example.jp", "password1": PASSWORD, "password2": PASSWORD}
        )
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
    user = User.objects.get(email="rogue@example.jp")
    user.is_active = False  # what staff do in the admin
    user.save(update_fields=["is_active"])
    return user, link


def test_the_old_verification_link_does_not_reactivate(client, signed_up_then_deactivated):
    user, link = signed_up_then_deactivated
    client.post(link)
    client.post(link)
    user.refresh_from_db()
    assert not user.is_active
    assert not get_user(client).is_authenticated


def test_asking_for_a_new_link_does_not_reactivate(client, signed_up_then_deactivated, django_capture_on_commit_callbacks):
    user, _link = signed_up_then_deactivated
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        client.post(reverse("account_reset_password"), {"email": user.email})
    for message in mail.outbox[1:]:
        for path in re.findall(r"https?://[^/\s]+(/accounts/\S+/)", message.body):
            client.post(path, {"password1": "Brand-New-Pass-2026", "password2": "Brand-New-Pass-2026"})
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert not get_user(client).is_authenticated
    assert response.status_code in (200, 302)


def test_a_deactivated_verified_account_cannot_log_in(client, admin):
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD}, follow=True)
    assert not get_user(client).is_authenticated
    assert response.redirect_chain[-1][0] == reverse("account_inactive")
