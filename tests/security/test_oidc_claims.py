"""Attacks on verified organisations (GビズID sign-in): a forged or unsigned ID token, a forged
callback, a corporate number typed over the one the provider gave, a verified organisation's
number changed afterwards, an unverified squatter keeping the public listing, and a
non-staff (or cross-site) request to verify or revoke."""

import time
import uuid

import jwt
import pytest
import requests
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from django.urls import reverse

from declaration import services as declaration_services
from declaration.selectors import registry_search
from portal import services
from portal.models import AuditEntry, Organisation, Role, User
from tests import personas
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.oidc import CLIENT_ID, sign_in_with_gbizid

PRIME_NUMBER = "1010001008800"
OTHER_NUMBER = "6010001008804"
COMPLETE = {"prefecture": "23", "industry": "E", "size_band": "6-20"}
CONTACT = {"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"}


def _token(oidc_provider, key, *, algorithm="RS256", kid=None, **claims):
    payload = {
        "iss": oidc_provider.issuer,
        "aud": CLIENT_ID,
        "sub": "1",
        "exp": int(time.time()) + 300,
        "iat": int(time.time()),
        "jti": str(uuid.uuid4()),
        "corporate_number": PRIME_NUMBER,
        "account_type": "2",
        **claims,
    }
    jwks = requests.get(f"{oidc_provider.issuer}/.well-known/jwks.json", timeout=5).json()
    headers = {"kid": kid or jwks["keys"][0]["kid"]}
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers)


def _verify(oidc_provider, token):
    return jwtkit.verify_and_decode(
        credential=token,
        keys_url=f"{oidc_provider.issuer}/.well-known/jwks.json",
        issuer=oidc_provider.issuer,
        audience=CLIENT_ID,
        lookup_kid=jwtkit.lookup_kid_jwk,
    )


class TestForgedTokens:
    def test_an_id_token_signed_by_another_key_is_refused(self, oidc_provider, db):
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        with pytest.raises(OAuth2Error):
            _verify(oidc_provider, _token(oidc_provider, stranger))

    def test_an_unsigned_id_token_is_refused(self, oidc_provider, db):
        with pytest.raises(OAuth2Error):
            _verify(oidc_provider, _token(oidc_provider, None, algorithm="none"))

    def test_a_forged_callback_signs_nobody_in(self, client, gbizid):
        start = client.post("/accounts/oidc/gbizid/login/", {"process": "login"})
        state = dict(p.split("=", 1) for p in start["Location"].split("?", 1)[1].split("&"))["state"]
        response = client.get("/accounts/oidc/gbizid/login/callback/", {"code": "forged", "state": state})
        assert "_auth_user_id" not in client.session
        assert not User.objects.exists()
        assert response.status_code == 401  # allauth's authentication error page

    def test_a_callback_with_another_sessions_state_is_refused(self, client, gbizid):
        response = client.get("/accounts/oidc/gbizid/login/callback/", {"code": "x", "state": "guessed"})
        assert "_auth_user_id" not in client.session and not User.objects.exists()
        assert response.status_code == 401  # allauth's authentication error page


class TestClaimsCannotBeTypedOver:
    def test_the_form_keeps_the_providers_number_and_name_whatever_is_posted(self, client, gbizid):
        sign_in_with_gbizid(client, "prime")
        client.post(
            reverse("organisations:new"),
            {**COMPLETE, "name": "乗っ取り株式会社", "corporate_number": OTHER_NUMBER},
        )
        organisation = Organisation.objects.get()
        assert (organisation.corporate_number, organisation.name) == (PRIME_NUMBER, "株式会社ビズ精機")
        assert organisation.is_verified

    def test_a_verified_organisations_number_and_name_cannot_be_changed(self, client, admin, organisation):
        organisation.corporate_number = PRIME_NUMBER
        organisation.save()
        services.organisation_verify(organisation=organisation, method="staff", note="書類")
        client.force_login(admin)
        client.post(
            reverse("organisations:edit", args=[organisation.pk]),
            {**COMPLETE, "name": "別の名前", "corporate_number": OTHER_NUMBER},
        )
        organisation.refresh_from_db()
        assert (organisation.corporate_number, organisation.name) == (PRIME_NUMBER, "株式会社さくら精機")
        with pytest.raises(Exception, match="変更できません"):
            services.organisation_update(organisation=organisation, corporate_number=OTHER_NUMBER)

    def test_typing_a_number_verifies_nothing(self, client, db):
        client.force_login(UserFactory())
        client.post(
            reverse("organisations:new"),
            {**COMPLETE, "name": "入力しただけ", "corporate_number": PRIME_NUMBER},
        )
        assert not Organisation.objects.get().is_verified


def test_an_unverified_squatter_does_not_keep_the_public_listing(db, django_capture_on_commit_callbacks):
    squatter_admin = UserFactory()
    squatter = OrganisationFactory(name="なりすまし", corporate_number=PRIME_NUMBER)
    MembershipFactory(organisation=squatter, user=squatter_admin, role=Role.ADMIN)
    declaration = declaration_services.declaration_submit(
        organisation=squatter, user=squatter_admin, stars=1, contact=CONTACT, purpose="customer"
    )
    real = OrganisationFactory(name="本物", corporate_number=PRIME_NUMBER)
    services.organisation_verify(organisation=real, method="oidc:gbizid")
    assert not registry_search(q="なりすまし").exists()
    assert not registry_search().filter(pk=declaration.pk).exists()
    # Nothing silent: the squatter is kept, marked, and the step is in the audit log.
    squatter.refresh_from_db()
    assert squatter.superseded_by == real
    assert AuditEntry.objects.filter(action="organisation.superseded").exists()


class TestStaffOnly:
    def test_a_non_staff_post_to_verify_is_refused(self, client, admin, organisation):
        client.force_login(admin)
        response = client.post(
            reverse("review:organisation_act", args=[organisation.pk, "verify"]), {"reason": "自分で"}
        )
        assert response.status_code == 403
        organisation.refresh_from_db()
        assert not organisation.is_verified

    def test_anonymous_is_sent_to_log_in(self, client, organisation):
        response = client.post(
            reverse("review:organisation_act", args=[organisation.pk, "verify"]), {"reason": "x"}
        )
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_a_cross_site_post_is_refused(self, organisation, db):
        reviewer = personas.reviewer()
        client = Client(enforce_csrf_checks=True)
        client.force_login(reviewer)
        response = client.post(
            reverse("review:organisation_act", args=[organisation.pk, "verify"]), {"reason": "x"}
        )
        assert response.status_code == 403
        organisation.refresh_from_db()
        assert not organisation.is_verified
