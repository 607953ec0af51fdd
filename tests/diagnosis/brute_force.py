"""Peer aggregates recomputed the slow, obvious way, to check the kept ones against.

The rule they check: each organisation that shares its statistics counts exactly its latest
completed result, whatever questionnaire version that result answered, in that version's
groups only. After answering a new version it no longer counts in the old one's.
"""

from collections import defaultdict

from diagnosis.models import Assessment, PeerContributor, PeerStatistics, Questionnaire, Status

POINTS = {"yes": 4, "partly": 2, "no": 0, "unknown": -1}


def latest_results() -> dict[int, Assessment]:
    """Each sharing organisation's latest completed result, across every questionnaire version."""
    latest: dict[int, Assessment] = {}
    for assessment in Assessment.objects.filter(
        status=Status.COMPLETED, organisation__isnull=False
    ).select_related("organisation"):
        if assessment.organisation.exclude_from_statistics:
            continue
        best = latest.get(assessment.organisation_id)
        if best is None or (assessment.completed_at, assessment.pk) > (best.completed_at, best.pk):
            latest[assessment.organisation_id] = assessment
    return latest


def expected_aggregates(questionnaire) -> tuple[dict, set[int], dict]:
    latest = [a for a in latest_results().values() if a.questionnaire_id == questionnaire.pk]
    groups = defaultdict(lambda: {"count": 0, "accounts": set(), "sum": 0, "squares": 0, "histogram": {}})
    contributors: dict[tuple[str, str, str], int] = {}
    for assessment in latest:
        industry, size = assessment.stats_industry, assessment.stats_size_band
        # The account behind the result: its author, else its organisation (docs/privacy.md).
        account = (
            f"u{assessment.created_by_id}" if assessment.created_by_id else f"o{assessment.organisation_id}"
        )
        points = [POINTS[assessment.answers[key]] for key in sorted(assessment.answers, key=int)]
        total = sum(points)
        for key in {("", ""), (industry, ""), ("", size), (industry, size)}:
            group = groups[key]
            group["count"] += 1
            group["accounts"].add(account)
            contributors[(*key, account)] = contributors.get((*key, account), 0) + 1
            group["sum"] += total
            group["squares"] += total * total
            group["histogram"][str(total)] = group["histogram"].get(str(total), 0) + 1
            items = group.setdefault("items", [0] * len(points))
            group["items"] = [a + b for a, b in zip(items, points, strict=True)]
    for group in groups.values():
        group["accounts"] = len(group["accounts"])
    return dict(groups), {a.pk for a in latest}, contributors


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


def counted_results() -> set[int]:
    return set(Assessment.objects.filter(counted_in_statistics=True).values_list("pk", flat=True))


def aggregate_mismatches(questionnaire=None) -> list[str]:
    """What the kept aggregates of one version (default: every version) get wrong against a
    recount from scratch (nothing: [])."""
    questionnaires = [questionnaire] if questionnaire is not None else list(Questionnaire.objects.all())
    mismatches = []
    for each in questionnaires:
        expected, _counted, contributors = expected_aggregates(each)
        if kept_aggregates(each) != expected:
            mismatches.append(f"group aggregates of {each.version}")
        if kept_contributors(each) != contributors:
            mismatches.append(f"accounts per group of {each.version}")
    if counted_results() != {a.pk for a in latest_results().values()}:
        mismatches.append("results counted")
    return mismatches


def assert_aggregates_match(questionnaire=None):
    """Every kept figure equals the recount (of one version, default: of every version)."""
    questionnaires = [questionnaire] if questionnaire is not None else list(Questionnaire.objects.all())
    for each in questionnaires:
        expected, _counted, contributors = expected_aggregates(each)
        assert kept_aggregates(each) == expected, each.version
        assert kept_contributors(each) == contributors, each.version
    assert counted_results() == {a.pk for a in latest_results().values()}
