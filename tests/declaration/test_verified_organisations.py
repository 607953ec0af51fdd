"""Verified organisations in the registry, the verification page and the API (validated
against openapi.json), the `verified` filter, the setting that requires a verified
organisation to declare, and the kept pages retired when a verification changes."""

from django.urls import reverse

from declaration import services
from portal import services as portal_services
from tests.declaration.conftest import apply_data
from tests.declaration.test_api import assert_valid
from tests.factories import MembershipFactory, OrganisationFactory

CONTACT = {"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"}


def declare(organisation, user):
    return services.declaration_submit(
        organisation=organisation, user=user, stars=1, contact=CONTACT, purpose="customer"
    )


def test_the_api_says_verified_and_how(client, admin, organisation):
    declaration = declare(organisation, admin)
    answer = client.get(f"/api/v1/declarations/{declaration.declaration_id}")
    assert_valid(answer, "/declarations/{id}")
    assert (answer.json()["verified"], answer.json()["verification"]) == (False, None)
    portal_services.organisation_verify(organisation=organisation, method="oidc:gbizid")
    answer = client.get(
        f"/api/v1/declarations/{declaration.declaration_id}", HTTP_IF_NONE_MATCH=answer["ETag"]
    )
    assert answer.status_code == 200  # a new ETag: what the API shows changed
    assert_valid(answer, "/declarations/{id}")
    assert answer.json()["verified"] is True
    assert answer.json()["verification"]["method"] == "gbizid"
    listing = client.get("/api/v1/declarations", {"verified": "1"})
    assert_valid(listing, "/declarations")
    assert listing.json()["count"] == 1


def test_staff_verification_says_staff(client, admin, organisation):
    declaration = declare(organisation, admin)
    portal_services.organisation_verify(organisation=organisation, method="staff", note="書類")
    assert (
        client.get(f"/api/v1/declarations/{declaration.declaration_id}").json()["verification"]["method"]
        == "staff"
    )


def test_the_registry_filters_and_marks_verified_organisations(client, admin, organisation):
    other = OrganisationFactory(name="未確認株式会社")
    other_admin = MembershipFactory(organisation=other, role="admin").user
    declare(organisation, admin)
    declare(other, other_admin)
    portal_services.organisation_verify(organisation=organisation, method="oidc:gbizid")
    assert client.get("/registry/").context["page"].paginator.count == 2
    filtered = client.get("/registry/", {"verified": "1"})
    assert [d.organisation_name for d in filtered.context["page"].object_list] == ["株式会社さくら精機"]
    assert 'data-testid="registry-verified"' in filtered.content.decode()
    assert "本人確認済みの組織のみ" in client.get("/registry/").content.decode()
    assert client.get("/api/v1/declarations", {"verified": "2"}).status_code == 400


def test_the_verification_page_shows_it_in_both_languages(client, admin, organisation):
    declaration = declare(organisation, admin)
    assert "未確認" in client.get(declaration.get_absolute_url()).content.decode()
    portal_services.organisation_verify(organisation=organisation, method="oidc:gbizid")
    assert (
        "GビズIDで法人番号と名称を確認しました" in client.get(declaration.get_absolute_url()).content.decode()
    )
    english = client.get("/en" + declaration.get_absolute_url()).content.decode()
    assert "confirmed with gBizID" in english


def test_a_verification_retires_the_registry_and_the_members_kept_pages(client, admin, organisation, themes):
    declare(organisation, admin)
    before = client.get("/registry/").content.decode()
    client.force_login(admin)
    home = client.get("/my/").content.decode()
    assert 'data-testid="home-verified"' not in home
    portal_services.organisation_verify(organisation=organisation, method="oidc:gbizid")
    assert 'data-testid="home-verified"' in client.get("/my/").content.decode()
    client.logout()
    assert client.get("/registry/").content.decode() != before


class TestRequireVerified:
    def test_off_by_default(self, client, admin, organisation):
        client.force_login(admin)
        assert client.get(reverse("declaration:apply")).status_code == 200

    def test_on_refuses_an_unverified_organisation_with_a_way_forward(
        self, client, admin, organisation, settings, gbizid
    ):
        settings.DECLARATION_REQUIRES_VERIFIED_ORGANISATION = True
        client.force_login(admin)
        response = client.get(reverse("declaration:apply"))
        assert response.status_code == 403
        body = response.content.decode()
        assert "GビズID" in body and 'value="connect"' in body
        assert (
            client.post(reverse("declaration:apply"), {**apply_data(), "step": "submit"}).status_code == 403
        )
        english = client.get("/en" + reverse("declaration:apply")).content.decode()
        assert "needs a verified organisation" in english

    def test_on_lets_a_verified_organisation_declare(self, client, admin, organisation, settings):
        settings.DECLARATION_REQUIRES_VERIFIED_ORGANISATION = True
        portal_services.organisation_verify(organisation=organisation, method="staff", note="書類")
        client.force_login(admin)
        assert client.get(reverse("declaration:apply")).status_code == 200
