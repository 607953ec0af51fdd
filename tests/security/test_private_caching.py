"""Finding 13: personal pages, exports, PDFs and CSVs say `Cache-Control: private, no-store`.

The attack: a shared proxy, or the disk cache of a shared office computer, keeps a copy of
someone's マイページ, results or data export for the next person. One mechanism covers
everything: a response to anyone with a session is private, no-store (portal.lib.caching);
the pages reached by an unguessable link without a session say it themselves.
Certificates are public verification pages, yet never kept either: a revocation or the
holder's erasure must show at once.
"""

from datetime import date

import pytest

from diagnosis.models import ShareLink
from learning.models import Certificate
from tests.factories import InvitationFactory
from tests.helpers import form_data


def assert_private(response, url):
    assert response.status_code == 200, f"{url} → {response.status_code}"
    header = response.get("Cache-Control", "")
    assert "private" in header and "no-store" in header, f"{url}: Cache-Control {header!r}"


@pytest.fixture
def no_pdf_rendering(monkeypatch):
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 stub")


@pytest.fixture
def result(organisation, admin, complete):
    return complete(organisation=organisation, user=admin)


def test_signed_in_pages_exports_and_pdfs_are_private(
    client_for, admin, organisation, result, declare, no_pdf_rendering
):
    declare(organisation)
    client = client_for(admin)
    for url in [
        "/",  # the signed-in home names the organisation
        "/declaration/mine/",
        "/declaration/mine/mark.svg",
        f"/diagnosis/results/{result.uuid}/",
        f"/diagnosis/results/{result.uuid}/report.pdf",
        "/diagnosis/history/",
        f"/organisations/{organisation.pk}/export/",
        "/accounts/export/",
        "/learning/progress/",
        "/registry/",  # even a public page: the header shows whose session it is
    ]:
        assert_private(client.get(url), url)


def test_staff_csv_exports_are_private(client_for, staff):
    client = client_for(staff)
    for url in [
        "/review/audit/?format=csv",
        "/review/statistics/?format=csv&section=declarations_by_level",
        "/review/declarations/",
    ]:
        assert_private(client.get(url), url)


def test_an_anonymous_result_remembered_in_the_session_is_private(client, questionnaire, no_pdf_rendering):
    response = client.post("/diagnosis/take/", form_data())
    assert response.status_code == 302
    assert_private(client.get(response.url), response.url)
    assert_private(client.get(response.url + "report.pdf"), "report.pdf")


def test_pages_reached_by_an_unguessable_link_are_private(
    client, db, result, admin, member, organisation, themes, no_pdf_rendering
):
    share = ShareLink.objects.create(assessment=result, created_by=admin)
    certificate = Certificate.objects.create(
        user=member, theme=themes[0], name_printed="山田 花子", completed_on=date(2026, 4, 1)
    )
    invitation = InvitationFactory(organisation=organisation, invited_by=admin)
    for url in [
        f"/diagnosis/shared/{share.token}/",
        f"/diagnosis/shared/{share.token}/report.pdf",
        f"/certificates/{certificate.code}/",
        f"/certificates/{certificate.code}.pdf",
        f"/invitations/{invitation.token}/",
    ]:
        assert_private(client.get(url), url)


def test_public_pages_for_anonymous_visitors_stay_cacheable(client, db):
    for url in ["/registry/", "/registry/statistics/", "/api/v1/declarations", "/learning/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_a_view_that_chooses_its_own_caching_keeps_it(client_for, admin, organisation, declare):
    declaration = declare(organisation)
    declaration.refresh_from_db()
    response = client_for(admin).get(f"/registry/{declaration.declaration_id}/badge.svg")
    assert response["Cache-Control"] == "public, no-cache"  # revalidated: never a stale level


def test_a_kept_personal_page_stays_private_and_its_persons_own(admin, member, outsider, themes):
    """Pages kept whole for signed-in people (portal/lib/kept_pages.py) are served from memory:
    still private, no-store, and never to anyone but the person they were rendered for."""
    from django.test import Client

    pages = {}
    for person in (admin, member, outsider):
        client = Client()
        client.force_login(person)
        client.get("/my/")  # rendered and kept
        kept = client.get("/my/")
        assert_private(kept, "/my/ (kept)")
        pages[person.email] = kept.content.decode()
    assert "株式会社さくら精機" in pages[admin.email] and "株式会社さくら精機" in pages[member.email]
    assert "株式会社さくら精機" not in pages[outsider.email]
    assert "有限会社みどり商店" in pages[outsider.email]
    # The admin's page offers what only admins may do; the member's does not.
    assert pages[admin.email] != pages[member.email]
