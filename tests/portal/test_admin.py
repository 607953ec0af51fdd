import pytest
from django.urls import reverse

from portal.models import Role
from tests.factories import InvitationFactory, MembershipFactory, OrganisationFactory


@pytest.fixture
def populated(db):
    for n in range(5):
        organisation = OrganisationFactory(name=f"検索用商事{n}")
        MembershipFactory(organisation=organisation, role=Role.ADMIN)
        InvitationFactory(organisation=organisation)


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:portal_user_changelist",
        "admin:portal_organisation_changelist",
        "admin:portal_membership_changelist",
        "admin:portal_invitation_changelist",
    ],
)
def test_staff_can_list_and_search(client_for, staff, populated, url_name):
    client = client_for(staff)
    assert client.get(reverse(url_name)).status_code == 200
    assert client.get(reverse(url_name), {"q": "検索用"}).status_code == 200


def test_organisation_search_by_member_email_and_filter(client_for, staff, populated, organisation, admin):
    response = client_for(staff).get(
        reverse("admin:portal_organisation_changelist"), {"q": admin.email, "prefecture__exact": "13"}
    )
    assert list(response.context["cl"].result_list) == [organisation]


def test_admin_pages_need_staff(client_for, member):
    response = client_for(member).get(reverse("admin:portal_organisation_changelist"))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [2, 8])
def test_organisation_changelist_query_count_is_constant(
    client_for, staff, count, django_assert_max_num_queries
):
    for _ in range(count):
        MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMIN)
    client = client_for(staff)
    with django_assert_max_num_queries(9):  # 8, and the staff's second factor
        client.get(reverse("admin:portal_organisation_changelist"))
