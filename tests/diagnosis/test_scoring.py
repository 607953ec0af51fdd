import math

import pytest

from diagnosis.scoring import MIN_PEER_GROUP, score, summarise
from diagnosis.selectors import content_for, structure_for
from tests.helpers import answers


@pytest.fixture
def structure(questionnaire):
    return structure_for(questionnaire)


def test_the_questionnaire_has_25_items_in_three_parts(questionnaire, structure):
    assert structure.item_numbers == list(range(1, 26))
    assert [structure.item_parts[n] for n in range(1, 26)] == [1] * 5 + [2] * 13 + [3] * 7
    assert structure.part_maxima() == {1: 20, 2: 52, 3: 28}
    assert structure.points == {"yes": 4, "partly": 2, "no": 0, "unknown": -1}


def test_all_yes_is_100_and_all_unknown_is_minus_25(structure):
    assert score(answers("yes"), structure).total == 100
    assert score(answers("unknown"), structure).total == -25
    assert score(answers("no"), structure).total == 0
    assert score(answers("partly"), structure).total == 50


def test_part_sums(structure):
    result = score(answers("no", q1="yes", q6="partly", q18="unknown", q25="yes"), structure)
    assert result.parts == {1: 4, 2: 2 - 1, 3: 4}
    assert result.total == sum(result.parts.values()) == 9
    assert len(result.item_points) == 25


@pytest.mark.parametrize(
    "total,band_min",
    [(100, 100), (99, 70), (70, 70), (69, 50), (50, 50), (49, -25), (-25, -25), (0, -25)],
)
def test_band_boundaries(questionnaire, total, band_min):
    content = content_for(questionnaire)
    assert content.band_for(total).min_score == band_min


def test_bands_cover_every_possible_score_once(questionnaire):
    content = content_for(questionnaire)
    for total in range(-25, 101):
        assert len([b for b in content.bands if b.min_score <= total <= b.max_score]) == 1, total


def summary_of(scores, score_of_interest):
    histogram = {}
    for s in scores:
        histogram[str(s)] = histogram.get(str(s), 0) + 1
    return summarise(
        count=len(scores),
        accounts=len(scores),
        sum_scores=sum(scores),
        sum_squares=sum(s * s for s in scores),
        histogram=histogram,
        item_sums=[0] * 25,
        score=score_of_interest,
    )


def test_peer_figures_follow_the_formulas():
    scores = [40, 50, 60, 70, 80, 50, 60, 70, 60, 60]
    summary = summary_of(scores, 70)
    mean = sum(scores) / 10
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / 10)
    assert summary.mean == pytest.approx(mean)
    assert summary.sd == pytest.approx(sd)
    assert summary.deviation_score == pytest.approx((70 - mean) / sd * 10 + 50)
    # 7 scores below 70, two equal to it: (7 + 2/2) / 10
    assert summary.percentile == pytest.approx(80.0)
    assert sum(b.count for b in summary.distribution) == 10
    assert [b for b in summary.distribution if b.contains_score][0].label == "70〜79"


def test_groups_below_the_threshold_are_not_shown():
    assert summary_of([50] * (MIN_PEER_GROUP - 1), 50) is None
    assert summary_of([50] * MIN_PEER_GROUP, 50).deviation_score == 50.0  # no spread: 50


def test_a_range_of_scores_reads_the_way_each_language_writes_it():
    from django.utils import translation

    from diagnosis.scoring import Bin

    with translation.override("ja"):
        assert Bin(low=10, high=19, count=1, contains_score=False).label == "10〜19"
    with translation.override("en"):
        assert Bin(low=10, high=19, count=1, contains_score=False).label == "10–19"
    assert Bin(low=100, high=100, count=1, contains_score=True).label == "100"
