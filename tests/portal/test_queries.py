"""Query counts of list and detail pages, so that N+1 queries cannot creep in."""

import pytest
from django.urls import reverse

from portal.models import Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory
from tests.helpers import SHELL_QUERIES

# A logged-in page costs: session, user, the user's organisations (header).
SHELL = SHELL_QUERIES


def test_home_for_anonymous_needs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/")


@pytest.mark.parametrize("url_name", ["home", "organisations:list"])
@pytest.mark.parametrize("organisations", [1, 8])
def test_pages_listing_my_organisations_are_constant(
    client_for, admin, url_name, organisations, django_assert_num_queries
):
    for _ in range(organisations - 1):
        MembershipFactory(user=admin, organisation=OrganisationFactory(), role=Role.MEMBER)
    client = client_for(admin)
    with django_assert_num_queries(SHELL):
        client.get(reverse(url_name))


@pytest.mark.parametrize("members", [2, 12])
def test_members_page_is_constant(client_for, organisation, admin, members, django_assert_num_queries):
    for _ in range(members - 1):
        MembershipFactory(organisation=organisation)
    InvitationFactory.create_batch(3, organisation=organisation)
    client = client_for(admin)
    # shell + the organisation with the access check + memberships with users + open invitations
    with django_assert_num_queries(SHELL + 3):
        client.get(reverse("organisations:members", args=[organisation.pk]))


def test_organisation_page(client_for, organisation, admin, django_assert_num_queries):
    client = client_for(admin)
    with django_assert_num_queries(SHELL + 1):
        client.get(reverse("organisations:edit", args=[organisation.pk]))
