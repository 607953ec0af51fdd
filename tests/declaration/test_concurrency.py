"""Concurrent submits on PostgreSQL: one declaration per organisation, unique IDs across many."""

import pytest
from django.db import connection

from declaration import services
from declaration.models import Declaration, Stars, Status
from tests.declaration.conftest import CONTACT
from tests.factories import MembershipFactory, OrganisationFactory
from tests.helpers import at_once

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent transactions need PostgreSQL (CI runs it)",
)


def submit_all(jobs):
    def submit(organisation, user):
        return lambda: services.declaration_submit(
            organisation=organisation, user=user, stars=Stars.ONE, contact=CONTACT, purpose="subsidy"
        )

    outcomes = at_once(*(submit(*job) for job in jobs))
    # The refusal is what we count.
    return [type(outcome).__name__ if isinstance(outcome, Exception) else "ok" for outcome in outcomes]


@pytest.mark.django_db(transaction=True)
def test_ten_submits_for_one_organisation_give_exactly_one():
    membership = MembershipFactory(role="admin")
    outcomes = submit_all([(membership.organisation, membership.user)] * 10)
    assert outcomes.count("ok") == 1
    assert set(outcomes) <= {"ok", "ValidationError"}
    assert Declaration.objects.filter(status=Status.ACTIVE).count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_organisations_at_once_get_twenty_unique_ids():
    memberships = [MembershipFactory(role="admin", organisation=OrganisationFactory()) for _ in range(20)]
    outcomes = submit_all([(m.organisation, m.user) for m in memberships])
    assert outcomes == ["ok"] * 20
    ids = list(Declaration.objects.values_list("declaration_id", flat=True))
    assert len(ids) == len(set(ids)) == 20
