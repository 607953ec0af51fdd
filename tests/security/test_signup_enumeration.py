"""Finding 11 (Low): sign-up told whether an address was registered. Now the answer is the
same for a new and a registered address, and the owner of the registered one is told by mail."""

from django.core import mail
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD


def sign_up(client, email):
    return client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})


def test_a_registered_and_a_new_address_get_the_same_answer(
    client, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registered = sign_up(client, admin.email)
        new = sign_up(client, "fresh@example.jp")
    assert (registered.status_code, registered["Location"]) == (new.status_code, new["Location"])
    first = client.get(registered["Location"]).content.decode()
    assert "既に登録されています" not in first
    assert User.objects.filter(email__iexact=admin.email).count() == 1


def test_the_owner_of_a_registered_address_is_told_by_mail(client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, admin.email.upper())
    message = mail.outbox[-1]
    assert message.to == [admin.email]
    assert "既に" in message.subject
    assert "/accounts/password/reset/" in message.body


def test_password_reset_does_not_tell_either(client, admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": admin.email})
        unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.jp"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
