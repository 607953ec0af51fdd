"""Joining by invitation (issue 16): the invitation proved the address, so signing up with it needs
no verification mail; and a quiz passed anonymously just before signing up (or logging in) is
recorded for the new account."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from learning.models import Attempt, Certificate, Progress
from learning.pending import SESSION_PASSES
from portal.models import Membership, Role, User
from tests.factories import PASSWORD, InvitationFactory, UserFactory
from tests.learning.conftest import right_answers, wrong_answers


def sign_up(client, email, *, next_url=""):
    url = reverse("account_signup") + (f"?next={next_url}" if next_url else "")
    return client.post(
        url, {"email": email, "full_name": "伊藤 さくら", "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.fixture
def invitation(organisation):
    return InvitationFactory(organisation=organisation, email="colleague@example.jp", role=Role.MEMBER)


class TestSigningUpFromAnInvitation:
    def test_the_invited_address_needs_no_verification_mail(
        self, client, invitation, django_capture_on_commit_callbacks
    ):
        page = client.get(invitation.get_absolute_url()).content.decode()
        assert "確認メールを待たずにすぐ参加できます" in page
        signup = re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1).replace("&amp;", "&")
        form = client.get(signup).content.decode()
        assert 'value="colleague@example.jp"' in form
        assert "組織への招待を受けるには" in form  # the sign-up page says why it is there
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                signup,
                {
                    "email": "Colleague@Example.jp",
                    "full_name": "伊藤 さくら",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )
        assert response.status_code == 302
        assert response["Location"] == invitation.get_absolute_url()  # straight back, logged in
        user = User.objects.get(email="colleague@example.jp")
        assert EmailAddress.objects.get(user=user).verified
        assert not [m for m in mail.outbox if "colleague@example.jp" in m.to]
        assert client.get(invitation.get_absolute_url()).context["user"] == user
        client.post(invitation.get_absolute_url())
        assert Membership.objects.get(user=user).organisation == invitation.organisation

    def test_another_address_is_verified_as_usual(
        self, client, invitation, django_capture_on_commit_callbacks
    ):
        client.get(invitation.get_absolute_url())
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(client, "someone.else@example.jp", next_url=invitation.get_absolute_url())
        user = User.objects.get(email="someone.else@example.jp")
        assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
            ("someone.else@example.jp", False, True)
        ]
        assert mail.outbox[-1].to == ["someone.else@example.jp"]
        assert not Membership.objects.filter(user=user).exists()

    @pytest.mark.parametrize("state", ["expired", "accepted"])
    def test_a_spent_invitation_proves_nothing(
        self, client, organisation, state, django_capture_on_commit_callbacks
    ):
        from django.utils import timezone

        invitation = InvitationFactory(
            organisation=organisation,
            email="late@example.jp",
            **({"expires_at": timezone.now()} if state == "expired" else {"accepted_at": timezone.now()}),
        )
        client.get(invitation.get_absolute_url())
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(client, "late@example.jp")
        assert not EmailAddress.objects.get(email="late@example.jp").verified

    def test_without_opening_an_invitation_verification_is_needed(
        self, client, db, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            sign_up(client, "colleague@example.jp")
        assert not EmailAddress.objects.get(email="colleague@example.jp").verified

    def test_the_login_page_says_why_it_is_there(self, client, invitation):
        response = client.post(invitation.get_absolute_url(), follow=True)
        assert "組織への招待を受けるには、ログインしてください。" in response.content.decode()


class TestAQuizPassedJustBeforeSigningUp:
    def test_is_recorded_for_the_new_account(
        self, client, invitation, theme1, django_capture_on_commit_callbacks
    ):
        response = client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        body = response.content.decode()
        assert "この合格はまだ記録されていません" in body
        assert "1" in client.session[SESSION_PASSES]
        client.get(invitation.get_absolute_url())
        with django_capture_on_commit_callbacks(execute=True):
            response = sign_up(client, "colleague@example.jp", next_url=invitation.get_absolute_url())
        user = User.objects.get(email="colleague@example.jp")
        attempt = Attempt.objects.get(user=user)
        assert attempt.theme == theme1 and attempt.passed and attempt.correct == attempt.total == 3
        assert Progress.objects.get(user=user, theme=theme1).passed_at is not None
        assert Certificate.objects.filter(user=user, theme=theme1).exists()
        assert SESSION_PASSES not in client.session
        page = client.get(response["Location"]).content.decode()
        assert "ログイン前に合格した確認テストを記録しました" in page

    def test_is_recorded_at_a_login_too(self, client, theme1):
        user = UserFactory()
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert Attempt.objects.filter(user=user, passed=True).count() == 1

    def test_a_failed_quiz_is_not_kept(self, client, theme1):
        client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
        assert SESSION_PASSES not in client.session
        user = UserFactory()
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert not Attempt.objects.exists()

    def test_a_pass_kept_over_a_day_ago_is_dropped(self, client, theme1):
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        session = client.session
        session[SESSION_PASSES]["1"]["at"] -= 25 * 60 * 60
        session.save()
        user = UserFactory()
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert not Attempt.objects.exists()

    def test_a_tampered_session_entry_is_ignored(self, client, theme1):
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        session = client.session
        session[SESSION_PASSES]["1"]["answers"] = {"1": "x"}
        session.save()
        user = UserFactory()
        response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert not Attempt.objects.exists()
