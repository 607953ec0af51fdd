"""Staff verify an organisation by hand and revoke a verification (console/views/organisations.py):
staff-only, POST-only with a reason, a confirmation page, audited; the 法人番号の重複 queue."""

from django.urls import reverse

from portal import services
from portal.models import AuditEntry
from tests.factories import OrganisationFactory

NUMBER = "1010001008800"


def test_the_confirmation_page_changes_nothing(client_for, reviewer, organisation):
    response = client_for(reviewer).get(reverse("review:organisation_act", args=[organisation.pk, "verify"]))
    assert response.status_code == 200
    assert "組織を本人確認済みにする" in response.content.decode()
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_a_reason_is_required(client_for, reviewer, organisation):
    response = client_for(reviewer).post(
        reverse("review:organisation_act", args=[organisation.pk, "verify"]), {"reason": ""}
    )
    assert response.status_code == 400
    organisation.refresh_from_db()
    assert not organisation.is_verified


def test_staff_verify_and_revoke_with_reasons_in_the_audit_log(client_for, reviewer, organisation):
    client = client_for(reviewer)
    url = reverse("review:organisation_act", args=[organisation.pk, "verify"])
    assert client.post(url, {"reason": "登記事項証明書を確認"}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.verified_by == "staff" and "登記事項証明書を確認" in organisation.verification_note
    entry = AuditEntry.objects.get(action="organisation.verified")
    assert entry.actor == reviewer and entry.details["note"] == "登記事項証明書を確認"
    url = reverse("review:organisation_act", args=[organisation.pk, "revoke"])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "書類の誤り"}).status_code == 302
    organisation.refresh_from_db()
    assert not organisation.is_verified
    assert (
        AuditEntry.objects.get(action="organisation.verification_revoked").details["reason"] == "書類の誤り"
    )


def test_an_unknown_action_is_404(client_for, reviewer, organisation):
    assert (
        client_for(reviewer)
        .post(reverse("review:organisation_act", args=[organisation.pk, "delete"]))
        .status_code
        == 404
    )


def test_the_collision_queue_lists_squatters_with_links_to_the_admin(client_for, reviewer, db):
    squatter = OrganisationFactory(name="なりすまし商店", corporate_number=NUMBER)
    real = OrganisationFactory(name="本物株式会社", corporate_number=NUMBER)
    services.organisation_verify(organisation=real, method="oidc:gbizid")
    client = client_for(reviewer)
    body = client.get(reverse("review:organisations")).content.decode()
    assert "なりすまし商店" in body and "本物株式会社" in body
    assert reverse("admin:portal_organisation_change", args=[squatter.pk]) in body
    workspace = client.get(reverse("review:index")).content.decode()
    assert "法人番号の重複" in workspace


def test_revoking_returns_the_squatter_to_the_registry(db, reviewer):
    squatter = OrganisationFactory(corporate_number=NUMBER)
    real = OrganisationFactory(corporate_number=NUMBER)
    services.organisation_verify(organisation=real, method="oidc:gbizid")
    services.organisation_revoke_verification(organisation=real, reason="誤り", actor=reviewer)
    squatter.refresh_from_db()
    assert squatter.superseded_by is None
    assert AuditEntry.objects.filter(action="organisation.collision_released").exists()


def test_members_and_outsiders_get_403(client_for, admin, organisation):
    assert client_for(admin).get(reverse("review:organisations")).status_code == 403


def test_the_collision_queue_reads_a_constant_number_of_rows(
    client_for, reviewer, db, django_assert_max_num_queries
):
    real = OrganisationFactory(corporate_number=NUMBER)
    for n in range(5):
        OrganisationFactory(name=f"重複{n}", corporate_number=NUMBER)
    services.organisation_verify(organisation=real, method="oidc:gbizid")
    client = client_for(reviewer)
    client.get(reverse("review:organisations"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("review:organisations")).status_code == 200
    OrganisationFactory(name="もう一つ", corporate_number=NUMBER)
    services.organisation_verify(organisation=real, method="oidc:gbizid")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("review:organisations")).status_code == 200


def test_the_admin_shows_the_verification(client_for, staff, db):
    organisation = OrganisationFactory(corporate_number=NUMBER)
    services.organisation_verify(organisation=organisation, method="staff", note="書類で確認")
    body = (
        client_for(staff)
        .get(reverse("admin:portal_organisation_change", args=[organisation.pk]))
        .content.decode()
    )
    assert "書類で確認" in body
