import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.urls import reverse

from portal.models import Membership, Organisation, Role, User
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

SIGNUP = {
    "email": "Hanako@Example.JP",
    "full_name": "佐藤 花子",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


@pytest.fixture
def signed_up(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), SIGNUP)
    assert response.status_code == 302
    return User.objects.get(email="hanako@example.jp")


def verification_path() -> str:
    return re.search(r"https?://[^/\s]+(/accounts/verify/\S+/)", mail.outbox[-1].body).group(1)


class TestSignup:
    def test_creates_an_inactive_account_and_sends_the_link(self, signed_up):
        assert not signed_up.is_active
        assert signed_up.full_name == "佐藤 花子"
        assert mail.outbox[0].to == ["hanako@example.jp"]
        assert "メールアドレスの確認" in mail.outbox[0].subject
        assert verification_path().startswith("/accounts/verify/")
        assert mail.outbox[0].alternatives[0][1] == "text/html"

    def test_done_page_names_the_address(self, client, signed_up):
        response = client.get(reverse("accounts:signup_done"))
        assert "hanako@example.jp" in response.content.decode()

    def test_an_already_registered_email_is_refused_beside_the_field(self, client, admin):
        data = {**SIGNUP, "email": "ADMIN@sakura.example.jp"}
        response = client.post(reverse("accounts:signup"), data)
        assert response.status_code == 200
        assert "このメールアドレスは既に登録されています" in response.context["form"].errors["email"][0]
        assert User.objects.filter(email__iexact="admin@sakura.example.jp").count() == 1

    @pytest.mark.parametrize(
        "password,message",
        [("short1", "短すぎ"), ("1234567890123", "数字しか"), ("password1234", "一般的すぎ")],
    )
    def test_weak_passwords_are_refused_in_japanese(self, client, db, password, message):
        response = client.post(
            reverse("accounts:signup"), {**SIGNUP, "password1": password, "password2": password}
        )
        errors = " ".join(response.context["form"].errors["password1"])
        assert message in errors
        assert not User.objects.exists()

    def test_mismatched_passwords_keep_what_was_typed(self, client, db):
        response = client.post(reverse("accounts:signup"), {**SIGNUP, "password2": "something-else-entirely"})
        assert "一致しません" in response.context["form"].errors["password2"][0]
        assert (
            'value="Hanako@Example.JP"' in response.content.decode()
            or "hanako@example.jp" in response.content.decode()
        )
        assert "佐藤 花子" in response.content.decode()

    def test_too_long_name_is_refused(self, client, db):
        response = client.post(reverse("accounts:signup"), {**SIGNUP, "full_name": "長" * 101})
        assert "100 文字以下" in response.context["form"].errors["full_name"][0]
        assert not User.objects.exists()

    @pytest.mark.parametrize(
        "next_url,expected", [("/invitations/abc/", "/invitations/abc/"), ("https://evil.example.com/", None)]
    )
    def test_next_rides_on_the_link_to_the_login(
        self, client, db, django_capture_on_commit_callbacks, next_url, expected
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:signup") + "?next=" + next_url, SIGNUP)
        link = re.search(r"https?://[^/\s]+(/accounts/verify/\S+)", mail.outbox[-1].body).group(1)
        response = client.post(link)
        if expected:
            assert response["Location"] == reverse("login") + "?next=%2Finvitations%2Fabc%2F"
        else:
            assert "evil" not in link
            assert response["Location"] == reverse("login")


class TestVerification:
    def test_get_shows_a_button_and_changes_nothing(self, client, signed_up):
        response = client.get(verification_path())
        assert response.status_code == 200
        assert "メールアドレスを確認する" in response.content.decode()
        signed_up.refresh_from_db()
        assert not signed_up.is_active

    def test_post_activates_the_account(self, client, signed_up):
        response = client.post(verification_path())
        assert response.status_code == 302
        assert response["Location"] == reverse("login")
        signed_up.refresh_from_db()
        assert signed_up.is_active

    def test_a_replayed_link_says_it_was_used(self, client, signed_up):
        path = verification_path()
        client.post(path)
        response = client.post(path)
        assert response.status_code == 200
        assert "確認済み" in response.content.decode()

    def test_a_tampered_link_is_refused(self, client, signed_up):
        path = verification_path()
        response = client.post(path[:-3] + "xx/")
        assert response.status_code == 400
        assert "無効" in response.content.decode()
        signed_up.refresh_from_db()
        assert not signed_up.is_active

    def test_an_expired_link_is_refused(self, client, signed_up, settings):
        path = verification_path()
        settings.PASSWORD_RESET_TIMEOUT = -1
        response = client.post(path)
        assert response.status_code == 400
        signed_up.refresh_from_db()
        assert not signed_up.is_active

    def test_resend_sends_a_new_link_only_to_unverified_accounts(
        self, client, signed_up, admin, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:resend_verification"), {"email": "hanako@example.jp"})
            client.post(reverse("accounts:resend_verification"), {"email": "admin@sakura.example.jp"})
            response = client.post(reverse("accounts:resend_verification"), {"email": "nobody@example.jp"})
        assert [m.to for m in mail.outbox] == [["hanako@example.jp"], ["hanako@example.jp"]]
        assert response.status_code == 302

    def test_resend_is_throttled(self, client, signed_up, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            for _ in range(5):
                client.post(reverse("accounts:resend_verification"), {"email": "hanako@example.jp"})
        assert len(mail.outbox) == 1 + 3


class TestLogin:
    def test_login_with_email_in_any_case(self, client, admin):
        response = client.post(
            reverse("login"), {"username": "Admin@Sakura.example.jp", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert get_user(client).is_authenticated

    def test_wrong_password_says_so_in_japanese(self, client, admin):
        response = client.post(reverse("login"), {"username": admin.email, "password": "wrong"})
        assert "メールアドレスまたはパスワードが正しくありません" in response.content.decode()

    def test_unverified_account_is_told_to_verify(self, client, signed_up):
        response = client.post(reverse("login"), {"username": "hanako@example.jp", "password": PASSWORD})
        body = response.content.decode()
        assert "メールアドレスの確認が済んでいません" in body
        assert "確認メールを再送する" in body
        assert not get_user(client).is_authenticated

    def test_repeated_failures_lock_the_account_even_with_the_right_password(self, client, admin, settings):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": admin.email, "password": "wrong"})
        response = client.post(reverse("login"), {"username": admin.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "ログインを一時的に制限しています" in response.content.decode()
        assert not get_user(client).is_authenticated

    def test_logout_needs_post(self, client, admin):
        client.force_login(admin)
        assert client.get(reverse("logout")).status_code == 405
        client.post(reverse("logout"))
        assert not get_user(client).is_authenticated

    def test_unsafe_next_is_ignored(self, client, admin):
        response = client.post(
            reverse("login") + "?next=https://evil.example.com/",
            {"username": admin.email, "password": PASSWORD},
        )
        assert response["Location"] == reverse("home")


class TestPasswords:
    def test_password_reset_sends_a_working_link(self, client, admin, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("password_reset"), {"email": admin.email})
        link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
        response = client.get(link, follow=True)
        new = "new-Kaizen-Password-9"
        response = client.post(response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
        assert response.status_code == 302
        admin.refresh_from_db()
        assert admin.check_password(new)

    def test_password_change(self, client, admin):
        client.force_login(admin)
        new = "another-Kaizen-Password-9"
        response = client.post(
            reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        )
        assert response.status_code == 302
        admin.refresh_from_db()
        assert admin.check_password(new)


class TestProfile:
    def test_edit_name_and_furigana(self, client, member):
        client.force_login(member)
        response = client.post(
            reverse("accounts:profile"), {"full_name": "鈴木 一郎", "full_name_kana": "すずき いちろう"}
        )
        assert response.status_code == 302
        member.refresh_from_db()
        assert (member.full_name, member.full_name_kana) == ("鈴木 一郎", "すずき いちろう")

    def test_anonymous_is_sent_to_login(self, client, db):
        response = client.get(reverse("accounts:profile"))
        assert response["Location"].startswith(reverse("login"))


class TestAccountDeletion:
    def test_needs_the_password(self, client, member):
        client.force_login(member)
        response = client.post(reverse("accounts:delete"), {"password": "wrong"})
        assert "パスワードが正しくありません" in response.content.decode()
        assert User.objects.filter(pk=member.pk).exists()

    def test_removes_the_person_and_organisations_they_ran_alone(self, client, db):
        solo = MembershipFactory(role=Role.ADMIN)
        shared_org = OrganisationFactory()
        MembershipFactory(user=solo.user, organisation=shared_org, role=Role.ADMIN)
        MembershipFactory(organisation=shared_org, role=Role.ADMIN)
        client.force_login(solo.user)
        response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
        assert response.status_code == 302
        assert not User.objects.filter(pk=solo.user.pk).exists()
        assert not Organisation.objects.filter(pk=solo.organisation.pk).exists()
        assert Organisation.objects.filter(pk=shared_org.pk).exists()
        assert not get_user(client).is_authenticated

    def test_the_only_admin_of_an_organisation_with_members_must_hand_over_first(self, client, admin, member):
        client.force_login(admin)
        page = client.get(reverse("accounts:delete"))
        assert "他のメンバーを管理者にしてください" in page.content.decode()
        client.post(reverse("accounts:delete"), {"password": PASSWORD})
        assert User.objects.filter(pk=admin.pk).exists()
        assert Membership.objects.filter(user=member).exists()


def test_a_new_user_without_organisation_sees_no_switcher(client, db):
    user = UserFactory()
    client.force_login(user)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="organisation-switcher"' not in body
    assert "組織を登録" in body
