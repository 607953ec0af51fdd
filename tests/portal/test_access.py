"""The access rules, as a matrix of personas × pages and actions."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from portal.access import get_for_organisation_or_404
from portal.models import Membership, Organisation, Role
from tests.factories import MembershipFactory

READ_PAGES = ["organisations:edit", "organisations:members"]


@pytest.mark.parametrize("page", READ_PAGES)
@pytest.mark.parametrize(
    "persona,expected",
    [("admin", 200), ("member", 200), ("outsider", 404), ("staff", 404), (None, 302)],
)
def test_organisation_pages_by_persona(request, client_for, organisation, page, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(reverse(page, args=[organisation.pk]))
    assert response.status_code == expected
    if persona is None:
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "persona,expected",
    [("admin", 302), ("member", 403), ("outsider", 404), (None, 302)],
)
def test_editing_an_organisation_by_persona(request, client_for, organisation, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    data = {"name": "書き換え株式会社", "prefecture": "27", "industry": "G", "size_band": "6-20"}
    response = client_for(user).post(reverse("organisations:edit", args=[organisation.pk]), data)
    assert response.status_code == expected
    organisation.refresh_from_db()
    assert (organisation.name == "書き換え株式会社") is (persona == "admin")


@pytest.mark.parametrize(
    "persona,expected",
    [("admin", 302), ("member", 403), ("outsider", 404)],
)
def test_inviting_by_persona(
    request, client_for, organisation, persona, expected, mailoutbox, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue(persona)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            reverse("organisations:invite", args=[organisation.pk]),
            {"email": "new@example.jp", "role": "member"},
        )
    assert response.status_code == expected
    assert organisation.invitations.exists() is (persona == "admin")
    assert len(mailoutbox) == (1 if persona == "admin" else 0)


@pytest.mark.parametrize(
    "persona,expected",
    [("admin", 302), ("member", 403), ("outsider", 404)],
)
def test_changing_a_role_by_persona(request, client_for, organisation, admin, member, persona, expected):
    user = request.getfixturevalue(persona)
    membership = Membership.objects.get(user=member, organisation=organisation)
    response = client_for(user).post(
        reverse("organisations:change_role", args=[organisation.pk, membership.pk]), {"role": "admin"}
    )
    assert response.status_code == expected
    membership.refresh_from_db()
    assert (membership.role == Role.ADMIN) is (persona == "admin")


@pytest.mark.parametrize(
    "persona,expected",
    [("admin", 302), ("member", 403), ("outsider", 404)],
)
def test_removing_someone_else_by_persona(
    request, client_for, organisation, admin, member, persona, expected
):
    other = MembershipFactory(organisation=organisation)
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("organisations:remove_member", args=[organisation.pk, other.pk])
    )
    assert response.status_code == expected
    assert Membership.objects.filter(pk=other.pk).exists() is (persona != "admin")


def test_state_changes_refuse_get(client_for, organisation, admin, member):
    client = client_for(admin)
    membership = Membership.objects.get(user=member)
    for url in [
        reverse("organisations:invite", args=[organisation.pk]),
        reverse("organisations:change_role", args=[organisation.pk, membership.pk]),
        reverse("organisations:remove_member", args=[organisation.pk, membership.pk]),
        reverse("organisations:switch"),
        reverse("text_size"),
    ]:
        assert client.get(url).status_code == 405, url


def test_a_membership_of_another_organisation_is_404_even_for_an_admin(
    client_for, organisation, admin, outsider
):
    """Mixing one's own organisation id with another organisation's membership id finds nothing."""
    foreign = Membership.objects.get(user=outsider)
    response = client_for(admin).post(
        reverse("organisations:remove_member", args=[organisation.pk, foreign.pk])
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=foreign.pk).exists()


class TestAccessHelper:
    def test_member_gets_object_with_their_role(self, organisation, member):
        found = get_for_organisation_or_404(member, Organisation, pk=organisation.pk)
        assert found == organisation
        assert found.member_role == Role.MEMBER

    def test_member_asking_for_admin_access_is_denied(self, organisation, member):
        with pytest.raises(PermissionDenied):
            get_for_organisation_or_404(member, Organisation, role=Role.ADMIN, pk=organisation.pk)

    def test_outsider_gets_404(self, organisation, outsider):
        with pytest.raises(Http404):
            get_for_organisation_or_404(outsider, Organisation, pk=organisation.pk)

    def test_related_object_role_is_the_requesting_users_own(self, organisation, admin, member):
        """An admin fetching a member's membership sees their own role, not the member's."""
        membership = get_for_organisation_or_404(admin, Membership, role=Role.ADMIN, user=member)
        assert membership.role == Role.MEMBER
        assert membership.member_role == Role.ADMIN

    def test_anonymous_gets_404(self, organisation):
        from django.contrib.auth.models import AnonymousUser

        with pytest.raises(Http404):
            get_for_organisation_or_404(AnonymousUser(), Organisation, pk=organisation.pk)
