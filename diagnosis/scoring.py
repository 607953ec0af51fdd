"""Pure scoring and statistics: no database access, so they are easy to test and reuse."""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext

# Disclosure control (docs/privacy.md). A group is shown only when its counted results come
# from at least MIN_PEER_GROUP distinct accounts; per-item means only from MIN_ITEM_ACCOUNTS
# accounts, and rounded to ITEM_MEAN_STEP points, so that subtracting known results cannot
# give back one member's answers.
MIN_PEER_GROUP = 10
MIN_ITEM_ACCOUNTS = 30
ITEM_MEAN_STEP = 0.5

# Score bins for distributions: the possible totals run from -25 to 100.
DISTRIBUTION_BINS = [(-25, -1)] + [(low, low + 9) for low in range(0, 100, 10)] + [(100, 100)]


@dataclass(frozen=True)
class Structure:
    """What scoring needs to know of one questionnaire version."""

    item_parts: dict[int, int]  # item number → part number
    points: dict[str, int]  # option value → points

    @property
    def item_numbers(self) -> list[int]:
        return sorted(self.item_parts)

    def part_maxima(self) -> dict[int, int]:
        best = max(self.points.values())
        maxima: dict[int, int] = {}
        for part in self.item_parts.values():
            maxima[part] = maxima.get(part, 0) + best
        return maxima


@dataclass(frozen=True)
class Scores:
    total: int
    parts: dict[int, int]
    item_points: list[int]  # in item order


def score(answers: dict[str, str], structure: Structure) -> Scores:
    """Score a complete set of answers (keys are item numbers as strings)."""
    item_points = [structure.points[answers[str(number)]] for number in structure.item_numbers]
    parts: dict[int, int] = dict.fromkeys(sorted(set(structure.item_parts.values())), 0)
    for number, points in zip(structure.item_numbers, item_points, strict=True):
        parts[structure.item_parts[number]] += points
    return Scores(total=sum(item_points), parts=parts, item_points=item_points)


@dataclass(frozen=True)
class Bin:
    low: int
    high: int
    count: int
    contains_score: bool

    @property
    def label(self) -> str:
        if self.low == self.high:
            return str(self.low)
        return gettext("%(low)s〜%(high)s") % {"low": self.low, "high": self.high}  # "10–19" in English


@dataclass
class PeerSummary:
    """A peer group's figures, and where one score stands in it."""

    count: int
    mean: float
    sd: float
    deviation_score: float  # 偏差値
    percentile: float  # share of the group scoring lower (ties count half), in %
    distribution: list[Bin] = field(default_factory=list)
    # Empty when the group has too few accounts for per-item figures.
    item_means: list[float] = field(default_factory=list)


def coarse_item_mean(item_sum: int, count: int) -> float:
    """An item's mean rounded to ITEM_MEAN_STEP (half steps round up: deterministic)."""
    return math.floor(item_sum / count / ITEM_MEAN_STEP + 0.5) * ITEM_MEAN_STEP


def summarise(
    *,
    count: int,
    accounts: int,
    sum_scores: int,
    sum_squares: int,
    histogram: dict,
    item_sums: list[int],
    score: int,
) -> PeerSummary | None:
    """Mean, standard deviation, 偏差値, percentile rank and distribution of a group, or
    None when the group has too few distinct accounts to show without revealing a member.

    `count` is the number of counted results (organisations), `accounts` the number of
    distinct accounts behind them: the thresholds apply to accounts (docs/privacy.md).
    """
    if count < MIN_PEER_GROUP or accounts < MIN_PEER_GROUP:
        return None
    mean = sum_scores / count
    sd = math.sqrt(max(sum_squares / count - mean * mean, 0.0))
    deviation = (score - mean) / sd * 10 + 50 if sd > 0 else 50.0
    counts = {int(total): n for total, n in histogram.items()}
    below = sum(n for total, n in counts.items() if total < score)
    percentile = (below + counts.get(score, 0) / 2) / count * 100
    distribution = [
        Bin(low, high, sum(n for total, n in counts.items() if low <= total <= high), low <= score <= high)
        for low, high in DISTRIBUTION_BINS
    ]
    return PeerSummary(
        count=count,
        mean=mean,
        sd=sd,
        deviation_score=deviation,
        percentile=percentile,
        distribution=distribution,
        item_means=[coarse_item_mean(s, count) for s in item_sums] if accounts >= MIN_ITEM_ACCOUNTS else [],
    )
