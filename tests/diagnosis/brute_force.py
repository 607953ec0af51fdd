"""Peer aggregates recomputed the slow, obvious way, to check the kept ones against."""

from collections import defaultdict

from diagnosis.models import Assessment, PeerContributor, PeerStatistics, Status

POINTS = {"yes": 4, "partly": 2, "no": 0, "unknown": -1}


def expected_aggregates(questionnaire) -> dict:
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
        questionnaire=questionnaire, status=Status.COMPLETED, organisation__isnull=False
    ).select_related("organisation"):
        if assessment.organisation.exclude_from_statistics:
            continue
        best = latest.get(assessment.organisation_id)
        if best is None or (assessment.completed_at, assessment.pk) > (best.completed_at, best.pk):
            latest[assessment.organisation_id] = assessment
    groups = defaultdict(
        lambda: {"count": 0, "accounts": set(), "sum": 0, "squares": 0, "histogram": {}, "items": [0] * 25}
    )
    contributors: dict[tuple[str, str, str], int] = {}
    for assessment in latest.values():
        industry, size = assessment.stats_industry, assessment.stats_size_band
        # The account behind the result: its author, else its organisation (docs/privacy.md).
        account = (
            f"u{assessment.created_by_id}" if assessment.created_by_id else f"o{assessment.organisation_id}"
        )
        points = [POINTS[assessment.answers[str(n)]] for n in range(1, 26)]
        total = sum(points)
        for key in {("", ""), (industry, ""), ("", size), (industry, size)}:
            group = groups[key]
            group["count"] += 1
            group["accounts"].add(account)
            contributors[(*key, account)] = contributors.get((*key, account), 0) + 1
            group["sum"] += total
            group["squares"] += total * total
            group["histogram"][str(total)] = group["histogram"].get(str(total), 0) + 1
            group["items"] = [a + b for a, b in zip(group["items"], points, strict=True)]
    for group in groups.values():
        group["accounts"] = len(group["accounts"])
    return dict(groups), {a.pk for a in latest.values()}, contributors


def kept_aggregates(questionnaire) -> dict:
    return {
        (row.industry, row.size_band): {
            "count": row.count,
            "accounts": row.accounts,
            "sum": row.sum_scores,
            "squares": row.sum_squares,
            "histogram": row.histogram,
            "items": row.item_sums,
        }
        for row in PeerStatistics.objects.filter(questionnaire=questionnaire)
        if row.count
    }


def kept_contributors(questionnaire) -> dict:
    return {
        (row.industry, row.size_band, row.contributor): row.results
        for row in PeerContributor.objects.filter(questionnaire=questionnaire)
    }


def aggregate_mismatches(questionnaire) -> list[str]:
    """What the kept aggregates get wrong against a recount from scratch (nothing: [])."""
    expected, counted, contributors = expected_aggregates(questionnaire)
    mismatches = []
    if kept_aggregates(questionnaire) != expected:
        mismatches.append("group aggregates")
    if kept_contributors(questionnaire) != contributors:
        mismatches.append("accounts per group")
    if set(Assessment.objects.filter(counted_in_statistics=True).values_list("pk", flat=True)) != counted:
        mismatches.append("results counted")
    return mismatches


def assert_aggregates_match(questionnaire):
    expected, counted, contributors = expected_aggregates(questionnaire)
    assert kept_aggregates(questionnaire) == expected
    assert kept_contributors(questionnaire) == contributors
    assert set(Assessment.objects.filter(counted_in_statistics=True).values_list("pk", flat=True)) == counted
