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
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    return User.objects.get(email="hanako@example.jp")


def link_in_last_mail(path_prefix: str) -> str:
    return re.search(rf"https?://[^/\s]+({path_prefix}\S+/)", mail.outbox[-1].body).group(1)


def verification_path() -> str:
    return link_in_last_mail("/accounts/confirm-email/")


class TestSignup:
    def test_creates_an_unverified_account_and_sends_the_link(self, signed_up):
        assert signed_up.full_name == "佐藤 花子"
        assert signed_up.emailaddress_set.get().verified is False
        assert mail.outbox[0].to == ["hanako@example.jp"]
        assert "メールアドレスの確認" in mail.outbox[0].subject
        assert verification_path().startswith("/accounts/confirm-email/")

    def test_the_link_is_on_site_url_whatever_host_was_asked(
        self, client, db, settings, django_capture_on_commit_callbacks
    ):
        settings.ALLOWED_HOSTS = ["portal.example.jp", "evil.example.com"]
        settings.SITE_URL = "https://portal.example.jp"
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_signup"), SIGNUP, HTTP_HOST="evil.example.com")
        assert "https://portal.example.jp/accounts/confirm-email/" in mail.outbox[0].body
        assert "evil.example.com" not in mail.outbox[0].body

    def test_the_signup_is_not_logged_in_before_verifying(self, client, signed_up):
        assert not get_user(client).is_authenticated

    @pytest.mark.parametrize(
        "password,message",
        [("short1", "短すぎ"), ("123456789012345", "数字しか"), ("password1234", "一般的すぎ")],
    )
    def test_weak_passwords_are_refused_in_japanese(self, client, db, password, message):
        response = client.post(reverse("account_signup"), {**SIGNUP, "password1": password, "password2": password})
        errors = " ".join(response.context["form"].errors["password1"])
        assert message in errors
        assert not User.objects.exists()

    def test_eleven_characters_are_too_few(self, client, db):
        password = "Kaizen-2026"
        response = client.post(reverse("account_signup"), {**SIGNUP, "password1": password, "password2": password})
        assert "12 文字以上" in " ".join(response.context["form"].errors["password1"])

    def test_mismatched_passwords_keep_what_was_typed(self, client, db):
        response = client.post(reverse("account_signup"), {**SIGNUP, "password2": "something-else-entirely"})
        assert response.context["form"].errors["password2"]
        body = response.content.decode()
        assert "Hanako@Example.JP" in body or "hanako@example.jp" in body
        assert "佐藤 花子" in body

    def test_too_long_name_is_refused(self, client, db):
        response = client.post(reverse("account_signup"), {**SIGNUP, "full_name": "長" * 101})
        assert "100 文字以下" in response.context["form"].errors["full_name"][0]
        assert not User.objects.exists()

    def test_the_page_is_styled_in_japanese(self, client, db):
        body = client.get(reverse("account_signup")).content.decode()
        assert "利用者登録" in body and "account-card" in body and "form-control" in body


class TestVerification:
    def test_get_shows_a_button_and_changes_nothing(self, client, signed_up):
        response = client.get(verification_path())
        assert response.status_code == 200
        assert 'method="post"' in response.content.decode()
        assert signed_up.emailaddress_set.get().verified is False

    def test_post_verifies_and_logs_the_person_in(self, client, signed_up):
        response = client.post(verification_path())
        assert response.status_code == 302
        assert signed_up.emailaddress_set.get().verified is True
        assert get_user(client) == signed_up

    def test_a_tampered_link_is_refused(self, client, signed_up):
        path = verification_path()
        client.post(path[:-4] + "xxx/")
        assert signed_up.emailaddress_set.get().verified is False

    def test_an_unverified_login_sends_a_fresh_link_and_stays_out(
        self, client, signed_up, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_login"), {"login": "hanako@example.jp", "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert len(mail.outbox) == 2
        assert not get_user(client).is_authenticated

    def test_old_verification_links_explain_themselves(self, client, db):
        response = client.get("/accounts/verify/MQ/abc-123/", follow=True)
        assert "このリンクは使えなくなりました" in response.content.decode()


class TestLogin:
    def test_login_with_email_in_any_case(self, client, admin):
        response = client.post(reverse("account_login"), {"login": "Admin@Sakura.example.jp", "password": PASSWORD})
        assert response.status_code == 302
        assert get_user(client) == admin

    def test_wrong_password_says_so_in_japanese(self, client, admin):
        response = client.post(reverse("account_login"), {"login": admin.email, "password": "wrong"})
        assert response.status_code == 200
        assert "正しくありません" in response.content.decode()
        assert not get_user(client).is_authenticated

    def test_session_ends_with_the_browser_unless_remember_is_ticked(self, client, admin):
        client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
        assert client.session.get_expire_at_browser_close()

    def test_remember_me_keeps_the_session_for_fourteen_days(self, client, admin):
        client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD, "remember": "on"})
        assert not client.session.get_expire_at_browser_close()
        assert client.session.get_expiry_age() == 14 * 24 * 60 * 60

    def test_logout_needs_post(self, client, admin):
        client.force_login(admin)
        client.get(reverse("account_logout"))
        assert get_user(client).is_authenticated
        client.post(reverse("account_logout"))
        assert not get_user(client).is_authenticated

    def test_unsafe_next_is_ignored(self, client, admin):
        response = client.post(
            reverse("account_login") + "?next=https://evil.example.com/",
            {"login": admin.email, "password": PASSWORD},
        )
        assert response["Location"] == reverse("dashboard")  # where everyone lands after login

    def test_a_safe_next_is_followed(self, client, admin):
        response = client.post(
            reverse("account_login") + "?next=/learning/", {"login": admin.email, "password": PASSWORD}
        )
        assert response["Location"] == "/learning/"


class TestPasswords:
    def test_the_old_reset_path_redirects(self, client, db):
        response = client.get("/accounts/password_reset/")
        assert response.status_code == 301
        assert response["Location"] == reverse("account_reset_password")

    def test_password_reset_sends_a_working_link(self, client, admin, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_reset_password"), {"email": admin.email})
        link = link_in_last_mail("/accounts/password/reset/key/")
        response = client.get(link, follow=True)
        new = "new-Kaizen-Password-9"
        response = client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
        assert response.status_code == 302
        admin.refresh_from_db()
        assert admin.check_password(new)

    def test_password_change(self, client, admin):
        client.force_login(admin)
        new = "another-Kaizen-Password-9"
        response = client.post(
            reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
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
        assert response["Location"].startswith(reverse("account_login"))


class TestAccountDeletion:
    def test_needs_the_password(self, client, member):
        client.force_login(member)
        response = client.post(reverse("data:account_delete"), {"password": "wrong"})
        assert "パスワードが正しくありません" in response.content.decode()
        assert User.objects.filter(pk=member.pk).exists()

    def test_removes_the_person_and_organisations_they_ran_alone(self, client, db):
        solo = MembershipFactory(role=Role.ADMIN)
        shared_org = OrganisationFactory()
        MembershipFactory(user=solo.user, organisation=shared_org, role=Role.ADMIN)
        MembershipFactory(organisation=shared_org, role=Role.ADMIN)
        client.force_login(solo.user)
        response = client.post(reverse("data:account_delete"), {"password": PASSWORD})
        assert response.status_code == 302
        assert not User.objects.filter(pk=solo.user.pk).exists()
        assert not Organisation.objects.filter(pk=solo.organisation.pk).exists()
        assert Organisation.objects.filter(pk=shared_org.pk).exists()
        assert not get_user(client).is_authenticated

    def test_the_only_admin_of_an_organisation_with_members_must_hand_over_first(self, client, admin, member):
        client.force_login(admin)
        page = client.get(reverse("data:account_delete"))
        assert "他のメンバーを管理者にしてください" in page.content.decode()
        client.post(reverse("data:account_delete"), {"password": PASSWORD})
        assert User.objects.filter(pk=admin.pk).exists()
        assert Membership.objects.filter(user=member).exists()


def test_a_new_user_without_organisation_sees_no_switcher(client, db):
    user = UserFactory()
    client.force_login(user)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="organisation-switcher"' not in body
    assert "組織を登録" in body
