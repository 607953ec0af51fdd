"""Query counts of the registry, verification, API, マイページ and review pages."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from declaration import services
from declaration.models import Stars
from tests.declaration.conftest import CONTACT
from tests.factories import MembershipFactory, OrganisationFactory
from tests.helpers import KEPT_SHELL_QUERIES, SHELL_QUERIES


def populate(admin, count):
    made = []
    for n in range(count):
        organisation = OrganisationFactory(name=f"件数テスト{n}")
        MembershipFactory(organisation=organisation, user=admin, role="admin")
        made.append(
            services.declaration_submit(
                organisation=organisation,
                user=admin,
                stars=Stars.ONE,
                contact=CONTACT,
                purpose="other",
                purpose_other="テスト",
            )
        )
    return made


@pytest.mark.parametrize("count", [3, 25])
def test_registry_search_is_constant(client, admin, count, django_assert_num_queries):
    populate(admin, count)
    # The matches in no order (declaration.selectors.FEW_MATCHES), the first page (one row more
    # than it shows), and the count only when the page cannot hold them all
    with django_assert_num_queries(2 if count <= 20 else 3):
        first = client.get("/registry/", {"q": "件数テスト"}).content.decode()
    assert f"{count}件" in first and first.count('data-testid="registry-id"') == min(count, 20)


@pytest.mark.parametrize("count", [3, 25])
def test_api_listing_is_constant(client, admin, count, django_assert_num_queries):
    populate(admin, count)
    with django_assert_num_queries(3):  # last modified + count + page
        client.get("/api/v1/declarations")


def test_verification_page_and_api_lookup(client, admin, django_assert_num_queries):
    declaration = populate(admin, 1)[0]
    with django_assert_num_queries(1):
        client.get(declaration.get_absolute_url())
    # The entry the page looked up is kept (declaration.selectors.declaration_by_id): the API
    # answers from it, and so does every later look-up until the registry changes.
    with django_assert_num_queries(0):
        client.get(f"/api/v1/declarations/{declaration.declaration_id}")
    caches["registry_entries"].clear()
    with django_assert_num_queries(1):
        client.get(f"/api/v1/declarations/{declaration.declaration_id}")


@pytest.mark.parametrize("count", [3, 25])
def test_review_queue_is_constant(client_for, reviewer, admin, count, django_assert_num_queries):
    populate(admin, count)
    client = client_for(reviewer)
    # second factor, user and group permissions + counts + page count + page (the account is
    # kept since the staff session's first request)
    with django_assert_num_queries(KEPT_SHELL_QUERIES + 6):
        client.get(reverse("review:queue"))


@pytest.mark.parametrize("events", [1, 6])
def test_mine_is_constant(
    client_for, organisation, admin, declare, reviewer, events, django_assert_num_queries
):
    declaration = declare(organisation)
    for _ in range(events - 1):
        services.declaration_confirm(declaration=declaration, reviewer=reviewer)
    client = client_for(admin)
    # shell + declaration + events with actors
    with django_assert_num_queries(SHELL_QUERIES + 2):
        client.get(reverse("declaration:mine"))
