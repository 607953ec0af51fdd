"""ASVS V2.1 and V3.3: long passphrases in any script are welcome, a changed password ends the
other sessions and tells the holder, and people can see and end their sessions."""

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD


@pytest.mark.parametrize(
    "password",
    ["あの日見た花の名前を僕たちはまだ知らない", "correct horse battery staple 🐎 " * 4, "x7" * 64],
)
def test_long_and_unicode_passphrases_are_accepted_whole(client, db, password):
    client.post(reverse("account_signup"), {"email": "long@example.jp", "password1": password, "password2": password})
    user = User.objects.get(email="long@example.jp")
    assert user.check_password(password)
    assert not user.check_password(password[:-1])  # not truncated


def test_changing_the_password_ends_other_sessions_and_sends_a_notice(
    client, admin, django_capture_on_commit_callbacks
):
    elsewhere = Client()
    elsewhere.force_login(admin)
    client.force_login(admin)
    new = "another-Kaizen-Password-9"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new})
    assert get_user(client) == admin
    elsewhere.get(reverse("home"))
    assert not get_user(elsewhere).is_authenticated
    assert mail.outbox[-1].to == [admin.email]


def test_people_see_their_sessions_and_can_end_the_others(admin):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    page = laptop.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2
    laptop.post(reverse("usersessions_list"), {})
    phone.get(reverse("home"))
    assert not get_user(phone).is_authenticated
    assert get_user(laptop) == admin
