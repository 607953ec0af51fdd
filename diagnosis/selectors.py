"""Reads of the self-diagnosis. A result page reads a constant number of rows, whatever
the number of organisations: the peer figures come from the kept aggregates."""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.db.models import Q
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from diagnosis.models import Assessment, Band, Item, ItemGuide, PeerStatistics, Questionnaire, Status
from diagnosis.scoring import PeerSummary, Structure, summarise
from portal.lib import memo
from portal.lib.fragments import generation
from portal.lib.industries import Industry
from portal.lib.json_export import rows
from portal.lib.size_bands import SizeBand

HISTORY_TREND = 5


CONTENT_CACHE_SECONDS = 300


def current_questionnaire() -> Questionnaire:
    """The version people answer now, kept in each process until loaded content changes (loading
    content, or an edit of it in the admin, moves the generation)."""
    questionnaire = memo.remember(
        f"diagnosis:current-questionnaire:{generation('content')}",
        lambda: Questionnaire.objects.filter(is_current=True).first(),
        CONTENT_CACHE_SECONDS,
    )
    if questionnaire is None:
        raise Http404("No questionnaire is loaded.")
    return questionnaire


def structure_for(questionnaire: Questionnaire) -> Structure:
    """What scoring needs of a version (cached like its texts: saving a result scores twice)."""

    def load():
        return Structure(
            item_parts=dict(questionnaire.items.values_list("number", "part__number")),
            points=dict(questionnaire.options.values_list("value", "points")),
        )

    key = f"diagnosis:structure:{questionnaire.pk}:{questionnaire.version}"
    return memo.remember(key, load, CONTENT_CACHE_SECONDS)


@dataclass
class Content:
    """Everything of one questionnaire version a page shows: 3 queries."""

    questionnaire: Questionnaire
    items: list[Item]
    options: list
    bands: list[Band]

    @property
    def structure(self) -> Structure:
        return Structure(
            item_parts={item.number: item.part.number for item in self.items},
            points={option.value: option.points for option in self.options},
        )

    @property
    def parts(self) -> list[tuple]:
        """[(part, [items])] in order."""
        grouped: dict = {}
        for item in self.items:
            grouped.setdefault(item.part, []).append(item)
        return list(grouped.items())

    def option(self, value: str):
        return next((option for option in self.options if option.value == value), None)

    def band_for(self, total: int) -> Band | None:
        return next((band for band in self.bands if band.min_score <= total <= band.max_score), None)


def content_for(questionnaire: Questionnaire) -> Content:
    """The questionnaire's texts, cached: every result page needs them and they rarely change
    (an edit in the admin shows within CONTENT_CACHE_SECONDS; scores never depend on it)."""

    def load():
        return Content(
            questionnaire=questionnaire,
            items=list(questionnaire.items.select_related("part")),
            options=list(questionnaire.options.all()),
            bands=list(questionnaire.bands.all()),
        )

    key = f"diagnosis:content:{questionnaire.pk}:{questionnaire.version}:{get_language()}"
    return memo.remember(key, load, CONTENT_CACHE_SECONDS)


def draft_for(organisation) -> Assessment | None:
    if organisation is None:
        return None
    return Assessment.objects.filter(organisation=organisation, status=Status.DRAFT).first()


def learning_urls(numbers: list[int]) -> dict[int, str]:
    """The point-learning theme of each item; empty while learning is not built."""
    try:
        reverse("learning:theme", args=[1])
    except NoReverseMatch:
        return {}
    return {number: reverse("learning:theme", args=[number]) for number in numbers}


@dataclass
class ItemRow:
    item: Item
    answer: str
    label: str
    points: int
    advice: str
    peer_mean: float | None
    previous_points: int | None = None
    learning_url: str | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous_points is None else self.points - self.previous_points


@dataclass
class PeerGroup:
    label: str
    summary: PeerSummary | None
    count: int


URGENT_ANSWERS = ("no", "unknown")


@dataclass
class Report:
    """A result as the result page, the shared page and the PDF show it."""

    assessment: Assessment
    content: Content
    band: Band | None
    parts: list[tuple]  # (part, score, maximum)
    rows: list[ItemRow]
    peers: list[PeerGroup]
    trend: list[Assessment] = field(default_factory=list)
    previous: Assessment | None = None

    @cached_property
    def weak_rows(self) -> list[ItemRow]:
        """Items short of full marks, most urgent first: 未実施 and わからない (nothing known to be
        in place) before 一部実施, each group in item order."""
        return self.urgent_rows + self.partly_rows

    @cached_property
    def urgent_rows(self) -> list[ItemRow]:
        return [row for row in self.rows if row.answer in URGENT_ANSWERS]

    @cached_property
    def partly_rows(self) -> list[ItemRow]:
        return [row for row in self.rows if row.points < 4 and row.answer not in URGENT_ANSWERS]

    @cached_property
    def unknown_rows(self) -> list[ItemRow]:
        return [row for row in self.rows if row.answer == "unknown"]

    @cached_property
    def reference_peer(self) -> PeerGroup | None:
        """The most specific group large enough to show per-item means, for the item chart."""
        shown = [group for group in self.peers if group.summary is not None and group.summary.item_means]
        return shown[-1] if shown else None


def _peer_groups(assessment: Assessment) -> list[PeerGroup]:
    industry, size = assessment.stats_industry, assessment.stats_size_band
    wanted = [("", "", _("全体"))]
    if industry:
        wanted.append((industry, "", _("同じ業種（%(industry)s）") % {"industry": Industry(industry).label}))
    if size:
        wanted.append(("", size, _("同じ規模（%(size)s）") % {"size": SizeBand(size).label}))
    if industry and size:
        wanted.append((industry, size, _("同じ業種×規模")))
    condition = Q()
    for ind, sz, _label in wanted:
        condition |= Q(industry=ind, size_band=sz)
    rows = {
        (row.industry, row.size_band): row
        for row in PeerStatistics.objects.filter(condition, questionnaire=assessment.questionnaire_id)
    }
    groups = []
    for ind, sz, label in wanted:
        row = rows.get((ind, sz))
        summary = (
            summarise(
                count=row.count,
                accounts=row.accounts,
                sum_scores=row.sum_scores,
                sum_squares=row.sum_squares,
                histogram=row.histogram,
                item_sums=row.item_sums,
                score=assessment.total_score,
            )
            if row
            else None
        )
        groups.append(PeerGroup(label=str(label), summary=summary, count=row.count if row else 0))
    return groups


def report_for(assessment: Assessment, *, with_history: bool = True) -> Report:
    """Build the full report of a completed assessment in a constant number of queries."""
    content = content_for(assessment.questionnaire)
    structure = content.structure
    peers = _peer_groups(assessment)
    trend: list[Assessment] = []
    previous = None
    if with_history and assessment.organisation_id is not None:
        trend = list(
            Assessment.objects.filter(
                organisation_id=assessment.organisation_id,
                status=Status.COMPLETED,
                completed_at__lte=assessment.completed_at,
            )
            .only("uuid", "completed_at", "total_score", "answers", "questionnaire_id")
            .order_by("-completed_at", "-pk")[:HISTORY_TREND]
        )
        trend.reverse()
        earlier = [a for a in trend if a.pk != assessment.pk]
        previous = earlier[-1] if earlier else None
    reference = next(
        (g.summary for g in reversed(peers) if g.summary is not None and g.summary.item_means), None
    )
    learning = learning_urls([item.number for item in content.items])
    rows = []
    for index, item in enumerate(content.items):
        answer = assessment.answers[str(item.number)]
        option = content.option(answer)
        previous_answer = previous.answers.get(str(item.number)) if previous else None
        rows.append(
            ItemRow(
                item=item,
                answer=answer,
                label=option.label,
                points=option.points,
                advice=item.advice_for(answer),
                peer_mean=reference.item_means[index] if reference else None,
                previous_points=structure.points.get(previous_answer) if previous_answer else None,
                learning_url=learning.get(item.number),
            )
        )
    maxima = structure.part_maxima()
    parts = [
        (part, assessment.part_scores.get(str(part.number), 0), maxima[part.number])
        for part, _items in content.parts
    ]
    return Report(
        assessment=assessment,
        content=content,
        band=content.band_for(assessment.total_score),
        parts=parts,
        rows=rows,
        peers=peers,
        trend=trend,
        previous=previous,
    )


def history_for(organisation):
    return (
        Assessment.objects.filter(organisation=organisation, status=Status.COMPLETED)
        .only(
            "uuid", "completed_at", "total_score", "part_scores", "created_by__full_name", "created_by__email"
        )
        .select_related("created_by")
        .order_by("-completed_at", "-pk")
    )


def latest_completed_assessment(organisation) -> Assessment | None:
    """The organisation's most recent completed result (the evidence behind a ★★ declaration)."""
    return (
        Assessment.objects.filter(organisation=organisation, status=Status.COMPLETED)
        .order_by("-completed_at", "-pk")
        .first()
    )


def current_item(number: int) -> Item | None:
    """Item `number` of the current questionnaire (learning themes link to it)."""
    return Item.objects.filter(questionnaire__is_current=True, number=number).first()


def guide_rows() -> list[Item]:
    """The current questionnaire's items that have a guide page, in order, with their parts."""
    guided = ItemGuide.objects.values("number")
    return list(Item.objects.filter(questionnaire__is_current=True, number__in=guided).select_related("part"))


# --- What the console assembles: statistics sections, personal and organisation data ------


def statistics_sections() -> dict:
    """The staff statistics' diagnosis sections: name → function returning (header, rows),
    read from the kept peer aggregates (constant work whatever the number of results)."""
    return {"diagnosis_by_industry": _results_by_industry, "diagnosis_by_size": _results_by_size}


def _results_by(by: str) -> list[tuple]:
    questionnaire = Questionnaire.objects.filter(is_current=True).first()
    if questionnaire is None:
        return []
    condition = Q(size_band="") & ~Q(industry="") if by == "industry" else Q(industry="") & ~Q(size_band="")
    labels = {
        value: str(label) for value, label in (Industry.choices if by == "industry" else SizeBand.choices)
    }
    groups = PeerStatistics.objects.filter(condition, questionnaire=questionnaire, count__gt=0).order_by(by)
    return [(labels[getattr(row, by)], row.count, round(row.sum_scores / row.count, 1)) for row in groups]


def _results_by_industry():
    return ["industry", "organisations", "average score"], _results_by("industry")


def _results_by_size():
    return ["size", "organisations", "average score"], _results_by("size_band")


def personal_data(user) -> dict:
    """The results `user` submitted (they stay with the organisation when the account goes)."""
    return {
        "diagnosis_results_submitted": rows(
            Assessment.objects.filter(created_by=user),
            "uuid",
            "organisation__name",
            "status",
            "total_score",
            "completed_at",
        ),
    }


def organisation_data(organisation) -> dict:
    """An organisation's results, with their answers."""
    return {
        "diagnosis_results": rows(
            Assessment.objects.filter(organisation=organisation),
            "uuid",
            "status",
            "questionnaire__version",
            "answers",
            "total_score",
            "part_scores",
            "completed_at",
        ),
    }


# --- What the signed-in home reads (console/home.py) ---------------------------------------


@dataclass(frozen=True)
class WeakItem:
    number: int
    topic: str
    answer_label: str
    points: int


@dataclass(frozen=True)
class Standing:
    """An organisation's self-diagnosis at a glance: its latest result, whether a draft is open,
    and the items that result scored lowest."""

    latest: Assessment | None
    has_draft: bool
    maximum: int = 0
    weakest: list[WeakItem] = field(default_factory=list)


def organisation_standing(organisation, *, weakest: int = 3) -> Standing:
    """Two queries (the latest result with its questionnaire, the draft), plus the cached texts:
    the weakest items are the lowest-scoring answers of the latest result, in item order."""
    if organisation is None:
        return Standing(latest=None, has_draft=False)
    latest = (
        Assessment.objects.filter(organisation=organisation, status=Status.COMPLETED)
        .select_related("questionnaire")
        .order_by("-completed_at", "-pk")
        .first()
    )
    has_draft = Assessment.objects.filter(organisation=organisation, status=Status.DRAFT).exists()
    if latest is None:
        return Standing(latest=None, has_draft=has_draft)
    content = content_for(latest.questionnaire)
    structure = content.structure
    rows = []
    for item in content.items:
        option = content.option(latest.answers.get(str(item.number), ""))
        if option is not None and option.points < max(structure.points.values()):
            rows.append(WeakItem(item.number, item.topic, option.label, option.points))
    rows.sort(key=lambda row: (row.points, row.number))
    return Standing(
        latest=latest,
        has_draft=has_draft,
        maximum=sum(structure.part_maxima().values()),
        weakest=rows[:weakest],
    )


def is_recent_enough_for_two_stars(assessment) -> bool:
    """Whether a completed result is young enough to back a ★★ declaration: the same setting
    `declaration.services.accepts_as_evidence` applies (this floor cannot import that one)."""
    oldest = timezone.now() - timedelta(days=settings.DECLARATION_DIAGNOSIS_MAX_AGE_DAYS)
    return (
        assessment is not None and assessment.completed_at is not None and assessment.completed_at >= oldest
    )
