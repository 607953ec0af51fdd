"""Finding 14 (Low): 14-day sessions with no idle timeout, 10-character passwords, and no MFA
for staff. Now: staff need a second factor before any console or admin page, staff sessions end
after 30 minutes idle and 12 hours in all, and passwords have at least 12 characters."""

import time

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user
from django.urls import reverse

from portal.lib import staff_sessions
from tests import personas
from tests.factories import PASSWORD, TOTP_TEST_SECRET


@pytest.fixture
def reviewer_without_mfa(db):
    return personas.reviewer("new-reviewer@portal.example.jp", totp_secret="")


@pytest.mark.parametrize("page", ["review:queue", "admin:index", "admin:portal_outboxmessage_changelist"])
def test_staff_without_a_second_factor_reach_no_console_or_admin_page(client, reviewer_without_mfa, page):
    client.force_login(reviewer_without_mfa)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_index")


def test_after_enrolling_totp_the_console_opens(client, reviewer_without_mfa):
    from allauth.mfa.totp.internal.auth import TOTP

    client.force_login(reviewer_without_mfa)
    TOTP.activate(reviewer_without_mfa, TOTP_TEST_SECRET)
    assert client.get(reverse("review:queue")).status_code == 200


def test_staff_log_in_with_the_code_of_their_authenticator(client, reviewer):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    response = client.post(reverse("account_login"), {"login": reviewer.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert not get_user(client).is_authenticated
    code = format_hotp_value(hotp_value(TOTP_TEST_SECRET, int(time.time()) // 30))
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert get_user(client) == reviewer
    assert Authenticator.objects.filter(user=reviewer).exists()


def _age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_staff_are_signed_out_after_thirty_idle_minutes(client_for, reviewer):
    client = client_for(reviewer)
    _age_session(client, staff_seen_at=31 * 60, signed_in_at=31 * 60)
    response = client.get(reverse("review:queue"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not get_user(client).is_authenticated


def test_busy_staff_are_signed_out_twelve_hours_after_signing_in(client_for, reviewer):
    client = client_for(reviewer)
    _age_session(client, staff_seen_at=10, signed_in_at=12 * 3600 + 60)
    client.get(reverse("review:queue"))
    assert not get_user(client).is_authenticated


def test_a_staff_session_in_use_stays(client_for, reviewer):
    client = client_for(reviewer)
    _age_session(client, staff_seen_at=29 * 60, signed_in_at=11 * 3600)
    assert client.get(reverse("review:queue")).status_code == 200
    assert time.time() - client.session[staff_sessions.SEEN_AT] < 5


def test_members_keep_their_session_when_idle(client_for, member):
    client = client_for(member)
    _age_session(client, signed_in_at=13 * 3600)
    client.get(reverse("home"))
    assert get_user(client) == member


def test_a_session_without_remember_me_ends_with_the_browser(client, member):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert client.session.get_expire_at_browser_close()


def test_eleven_character_passwords_are_refused(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "short@example.jp", "password1": "Kaizen-2026", "password2": "Kaizen-2026"},
    )
    assert response.status_code == 200
    assert "12 文字以上" in " ".join(response.context["form"].errors["password1"])


def test_the_admin_login_goes_through_allauth(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
