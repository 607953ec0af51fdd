"""Sign-in with GビズID (portal/adapter.py, portal/lib/oidc.py, portal.services' verified
organisations) against the local OpenID Connect provider running as its own process
(tests/oidc.py): the claim map, the account types that may declare, organisations created or
linked as verified, connecting an e-mail account, the auto-link rules, and collisions."""

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from declaration import services as declaration_services
from declaration.selectors import registry_search
from portal import settings as portal_settings
from portal.lib.oidc import claims_from
from portal.models import AuditEntry, Membership, Organisation, OutboxMessage, Role, User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.oidc import configure, sign_in_with_gbizid

PRIME_NUMBER = "1010001008800"
COLLIDER_NUMBER = "8010001008802"
CONNECTOR_NUMBER = "7010001008803"
COMPLETE = {
    "name_kana": "",
    "prefecture": "23",
    "address": "",
    "industry": "E",
    "size_band": "6-20",
    "website": "",
}
CONTACT = {"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"}


def declare(organisation, user):
    return declaration_services.declaration_submit(
        organisation=organisation, user=user, stars=1, contact=CONTACT, purpose="customer"
    )


class TestClaimMap:
    def test_the_claim_names_come_from_the_settings(self, settings, oidc_provider):
        configure(
            settings,
            oidc_provider,
            claims={"corporate_number": "houjin", "name": "shamei", "account_type": "kind", "email": "mail"},
        )
        claims = claims_from(
            "gbizid",
            {"userinfo": {"houjin": PRIME_NUMBER, "shamei": "名前", "kind": 2, "mail": "x@example.jp"}},
        )
        assert (claims.corporate_number, claims.name, claims.account_type, claims.email) == (
            PRIME_NUMBER,
            "名前",
            "2",
            "x@example.jp",
        )
        assert claims.may_declare and claims.verifies_organisation

    def test_gbizids_names_are_the_defaults_and_each_can_be_set_from_the_environment(self, monkeypatch):
        monkeypatch.setenv("GBIZID_ISSUER", "https://gbiz-id.go.jp/oauth/")
        monkeypatch.setenv("GBIZID_CLIENT_ID", "client")
        monkeypatch.setenv("GBIZID_CLAIM_CORPORATE_NUMBER", "corp_no")
        provider = portal_settings.oidc_provider_from_env(
            "GBIZID",
            provider_id="gbizid",
            name="GビズID",
            name_en="gBizID",
            claims=portal_settings.GBIZID_DEFAULT_CLAIMS,
            account_types=["2", "3"],
        )
        assert provider["issuer"] == "https://gbiz-id.go.jp/oauth"
        assert provider["claims"] == {**portal_settings.GBIZID_DEFAULT_CLAIMS, "corporate_number": "corp_no"}
        assert provider["account_types"] == ["2", "3"]
        assert provider["email_authentication"] is False

    def test_a_wrong_check_digit_is_no_corporate_number(self, gbizid):
        claims = claims_from(
            "gbizid", {"userinfo": {"corporate_number": "2010001008800", "name": "x", "account_type": "2"}}
        )
        assert claims.corporate_number == "" and not claims.verifies_organisation

    def test_the_prefecture_name_becomes_its_code(self, gbizid):
        assert claims_from("gbizid", {"userinfo": {"prefecture_name": "愛知県"}}).prefecture == "23"

    def test_no_provider_no_buttons(self, client, db, settings):
        settings.OIDC_PROVIDERS = []
        assert "GビズID" not in client.get("/accounts/login/").content.decode()

    @pytest.mark.parametrize(
        ("path", "label"),
        [("/accounts/login/", "GビズIDでログイン"), ("/en/accounts/signup/", "Sign in with gBizID")],
    )
    def test_a_configured_provider_has_a_post_button_on_login_and_sign_up(self, client, gbizid, path, label):
        body = client.get(path).content.decode()
        assert label in body
        assert (
            'action="' + ("/en" if path.startswith("/en") else "") + '/accounts/oidc/gbizid/login/"' in body
        )
        assert 'name="process" value="login"' in body

    def test_a_get_of_the_login_url_starts_nothing(self, client, gbizid):
        response = client.get("/accounts/oidc/gbizid/login/")
        assert response.status_code == 200  # allauth's confirmation page, not a redirect to the provider
        assert "127.0.0.1" not in response.get("Location", "")


class TestAccountTypes:
    def test_an_entry_account_is_refused_with_an_explanation(self, client, gbizid):
        response = sign_in_with_gbizid(client, "entry")
        assert response.status_code == 403
        body = response.content.decode()
        assert "GビズIDエントリー" in body and "GビズIDプライム" in body and "https://gbiz-id.go.jp/" in body
        assert not User.objects.exists()
        assert AuditEntry.objects.filter(action="login.oidc_refused").exists()

    def test_the_refusal_in_english(self, client, gbizid):
        body = sign_in_with_gbizid(client, "entry", language="/en").content.decode()
        assert "gBizID Entry" in body and "gBizID Prime" in body

    def test_which_types_may_declare_is_a_setting(self, client, settings, oidc_provider, db):
        configure(settings, oidc_provider, account_types=["1", "2", "3"])
        response = sign_in_with_gbizid(client, "entry")
        assert response.status_code == 302
        assert User.objects.filter(email="entry@gbizid.example").exists()

    def test_a_prime_account_signs_up_and_completes_a_verified_organisation(self, client, gbizid):
        response = sign_in_with_gbizid(client, "prime")
        assert response["Location"] == reverse("organisations:new")
        user = User.objects.get(email="prime@gbizid.example")
        assert user.emailaddress_set.get().verified  # no confirmation mail: the provider verified it
        form = client.get(reverse("organisations:new"))
        body = form.content.decode()
        assert "株式会社ビズ精機" in body and PRIME_NUMBER in body and 'data-testid="verified-claims"' in body
        assert form.context["form"].initial["prefecture"] == "23"
        response = client.post(reverse("organisations:new"), COMPLETE)
        assert response.status_code == 302
        organisation = Organisation.objects.get(corporate_number=PRIME_NUMBER)
        assert organisation.name == "株式会社ビズ精機"
        assert organisation.is_verified and organisation.verified_by == "oidc:gbizid"
        assert Membership.objects.get(organisation=organisation).user == user
        assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
        assert AuditEntry.objects.filter(action="organisation.verified", actor=user).exists()
        assert client.get("/my/").content.decode().count('data-testid="verified-badge"') == 1

    def test_a_member_account_joins_the_verified_organisation(self, client, gbizid):
        prime = UserFactory()
        verified = OrganisationFactory(name="株式会社ビズ精機", corporate_number=PRIME_NUMBER)
        MembershipFactory(organisation=verified, user=prime, role=Role.ADMIN)
        verified.verified_by = "oidc:gbizid"
        from django.utils import timezone

        verified.verified_at = timezone.now()
        verified.save()
        response = sign_in_with_gbizid(client, "member")
        assert response["Location"] == reverse("dashboard")
        member = User.objects.get(email="member@gbizid.example")
        assert Membership.objects.get(user=member).organisation == verified
        member.refresh_from_db()
        assert member.current_organisation == verified

    def test_signing_in_again_changes_nothing(self, client, gbizid):
        sign_in_with_gbizid(client, "prime")
        client.post(reverse("organisations:new"), COMPLETE)
        client.post("/accounts/logout/")
        response = sign_in_with_gbizid(client, "prime")
        assert response["Location"] == reverse("dashboard")
        assert Organisation.objects.count() == 1 and SocialAccount.objects.count() == 1


class TestExistingAccounts:
    def test_an_email_account_connects_gbizid_from_its_profile(self, client, gbizid):
        user = UserFactory(email="somebody@example.jp")
        own = OrganisationFactory(name="コネクト電機", corporate_number=CONNECTOR_NUMBER)
        MembershipFactory(organisation=own, user=user, role=Role.ADMIN)
        client.force_login(user)
        profile = client.get(reverse("accounts:profile")).content.decode()
        assert "GビズIDと連携する" in profile and 'name="process" value="connect"' in profile
        response = sign_in_with_gbizid(client, "connector", process="connect")
        assert response.status_code == 302
        assert SocialAccount.objects.get().user == user
        own.refresh_from_db()
        assert own.is_verified and own.name == "コネクト電機株式会社"  # the name from the claims
        assert 'data-testid="provider-connected"' in client.get(reverse("accounts:profile")).content.decode()
        assert AuditEntry.objects.filter(action="account.oidc_connected", actor=user).exists()

    def test_a_matching_address_is_not_linked_unless_the_provider_is_trusted_for_it(self, client, gbizid):
        existing = UserFactory(email="prime@gbizid.example")
        response = sign_in_with_gbizid(client, "prime")
        # The person is asked to sign in to that account first and connect from there.
        assert "_auth_user_id" not in client.session
        assert not SocialAccount.objects.filter(user=existing).exists()
        assert response.status_code in (200, 302)

    def test_a_trusted_provider_signs_the_existing_account_in_and_connects_it(
        self, client, settings, oidc_provider, db
    ):
        configure(settings, oidc_provider, email_authentication=True)
        existing = UserFactory(email="prime@gbizid.example")
        sign_in_with_gbizid(client, "prime")
        assert int(client.session["_auth_user_id"]) == existing.pk
        assert SocialAccount.objects.get().user == existing

    def test_trust_needs_a_verified_address_too(self, client, settings, oidc_provider, db):
        configure(settings, oidc_provider, email_authentication=True, email_verified=False)
        existing = UserFactory(email="prime@gbizid.example")
        sign_in_with_gbizid(client, "prime")
        assert client.session.get("_auth_user_id") in (None, str(-1))
        assert not SocialAccount.objects.filter(user=existing).exists()


class TestCollisions:
    def test_a_verified_organisation_supersedes_an_unverified_squatter(
        self, client, gbizid, django_capture_on_commit_callbacks
    ):
        squatter_user = UserFactory(email="squatter@example.jp")
        squatter = OrganisationFactory(name="なりすまし株式会社", corporate_number=COLLIDER_NUMBER)
        MembershipFactory(organisation=squatter, user=squatter_user, role=Role.ADMIN)
        squatter_declaration = declare(squatter, squatter_user)
        assert registry_search().filter(pk=squatter_declaration.pk).exists()

        sign_in_with_gbizid(client, "collider")
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("organisations:new"), COMPLETE)
        real = Organisation.objects.get(corporate_number=COLLIDER_NUMBER, verified_at__isnull=False)
        squatter.refresh_from_db()
        assert squatter.superseded_by == real  # kept, not deleted
        assert not registry_search().filter(pk=squatter_declaration.pk).exists()
        api = client.get(f"/api/v1/declarations/{squatter_declaration.declaration_id}").json()
        assert api["superseded"] is True and api["verified"] is False
        mail = OutboxMessage.objects.get(to=["squatter@example.jp"])
        assert "重複" in mail.subject
        assert AuditEntry.objects.filter(
            action="organisation.superseded", target="なりすまし株式会社"
        ).exists()
        client.force_login(squatter_user)
        assert 'data-testid="home-superseded"' in client.get("/my/").content.decode()

    def test_a_squatter_who_comes_after_the_verification_is_superseded_too(self, client, db):
        real = OrganisationFactory(corporate_number=COLLIDER_NUMBER)
        from portal import services

        services.organisation_verify(organisation=real, method="staff", note="登記事項証明書")
        late = UserFactory()
        client.force_login(late)
        client.post(
            reverse("organisations:new"), {**COMPLETE, "name": "後から", "corporate_number": COLLIDER_NUMBER}
        )
        assert Organisation.objects.get(name="後から").superseded_by == real
