"""Finding 4: dummy organisations must not unlock a small peer group and give back one
member's answers by differencing (disclosure control: docs/privacy.md)."""

import pytest

from diagnosis.scoring import ITEM_MEAN_STEP, MIN_ITEM_ACCOUNTS, MIN_PEER_GROUP
from portal.models import Role
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.helpers import answers

POINTS = {"yes": 4, "partly": 2, "no": 0, "unknown": -1}
ANSWER_OF = {points: value for value, points in POINTS.items()}
# The victim's 25 answers: every answer of the scale, in no pattern the attacker could guess.
VICTIM = answers(
    "partly",
    q1="yes",
    q2="no",
    q3="unknown",
    q5="yes",
    q8="no",
    q13="unknown",
    q17="yes",
    q21="no",
    q25="unknown",
)
DUMMY = answers("yes")


def recover(report, known: list[dict[str, str]]) -> dict[str, str] | None:
    """What the attacker does with a result page: take the industry × size group's per-item
    means as the page prints them (to 0.1), multiply back to sums, subtract the answers of
    the dummies they entered themselves. None when the page offers nothing to difference."""
    group = report.peers[-1]  # the most specific: same industry × size
    if group.summary is None or not group.summary.item_means:
        return None
    recovered = {}
    for index, mean in enumerate(group.summary.item_means):
        shown = round(mean, 1)
        points = round(shown * group.summary.count) - sum(POINTS[k[str(index + 1)]] for k in known)
        if points not in ANSWER_OF:
            return None
        recovered[str(index + 1)] = ANSWER_OF[points]
    return recovered


@pytest.fixture
def victim(organisation, admin, complete):
    """The victim: an organisation alone in its industry × size group, with its own answers."""
    return complete(organisation, user=admin, **{f"q{k}": v for k, v in VICTIM.items()})


def dummy_organisations(victim_organisation, owners):
    """Organisations in the victim's group, one per owner (the same owner may repeat)."""
    return [
        MembershipFactory(
            user=owner,
            role=Role.ADMIN,
            organisation=OrganisationFactory(
                industry=victim_organisation.industry, size_band=victim_organisation.size_band
            ),
        ).organisation
        for owner in owners
    ]


def attack(client_for, complete, owners, victim_organisation):
    """Each dummy completes the diagnosis with known answers; the last one reads its result page."""
    results = [
        complete(dummy, user=owner, **{f"q{k}": v for k, v in DUMMY.items()})
        for dummy, owner in zip(dummy_organisations(victim_organisation, owners), owners, strict=True)
    ]
    response = client_for(owners[-1]).get(results[-1].get_absolute_url())
    assert response.status_code == 200
    return response, recover(response.context["report"], [DUMMY] * len(results))


def test_nine_dummy_organisations_of_one_account_do_not_unlock_the_group(
    client_for, complete, organisation, victim
):
    attacker = UserFactory()
    response, recovered = attack(client_for, complete, [attacker] * 9, organisation)
    report = response.context["report"]
    # Ten organisations, but two accounts: no group is shown, there is nothing to difference.
    assert report.peers[-1].count == 10
    assert all(group.summary is None for group in report.peers)
    assert report.reference_peer is None
    assert recovered is None


def test_nine_accounts_created_the_same_day_do_not_get_the_victims_answers(
    client_for, complete, organisation, victim
):
    attackers = [UserFactory() for _ in range(9)]
    response, recovered = attack(client_for, complete, attackers, organisation)
    report = response.context["report"]
    # Ten distinct accounts: the group's totals are shown, its per-item means are not.
    assert report.peers[-1].summary is not None
    assert report.peers[-1].summary.item_means == []
    assert recovered != VICTIM
    assert recovered is None
    assert all(row.peer_mean is None for row in report.rows)


def test_per_item_means_need_thirty_accounts_and_are_coarse(client_for, complete, organisation, victim):
    """With enough accounts, per-item means are shown in steps too coarse for one member's
    answer to move them: differencing leaves every item ambiguous."""
    attackers = [UserFactory() for _ in range(MIN_ITEM_ACCOUNTS - 1)]
    response, _recovered = attack(client_for, complete, attackers, organisation)
    summary = response.context["report"].peers[-1].summary
    assert len(summary.item_means) == 25
    assert all(mean / ITEM_MEAN_STEP == int(mean / ITEM_MEAN_STEP) for mean in summary.item_means)
    known = sum(POINTS[v] for v in DUMMY.values()) // 25 * (MIN_ITEM_ACCOUNTS - 1)
    for index, mean in enumerate(summary.item_means):
        consistent = [
            value
            for value, points in POINTS.items()
            if abs((known + points) / summary.count - mean) <= ITEM_MEAN_STEP / 2
        ]
        assert len(consistent) > 1, f"item {index + 1} gives back the victim's answer"


def test_the_thresholds_are_the_documented_ones():
    assert (MIN_PEER_GROUP, MIN_ITEM_ACCOUNTS, ITEM_MEAN_STEP) == (10, 30, 0.5)
