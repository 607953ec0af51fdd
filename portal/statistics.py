"""The numbers management watches, each section one indexed GROUP BY or a read of the kept
peer aggregates, cached for ten minutes."""

from django.core.cache import cache
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand

CACHE_SECONDS = 600


def _labels(choices):
    return {value: str(label) for value, label in choices}


def section_declarations_by_month():
    from declaration.models import Declaration, Status

    rows = (
        Declaration.objects.filter(status=Status.ACTIVE, declared_on__isnull=False)
        .annotate(month=TruncMonth("declared_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    return ["month", "declarations"], [(row["month"].strftime("%Y-%m"), row["n"]) for row in rows]


def _declarations_by(field, labels):
    from declaration.models import Declaration, Status

    rows = (
        Declaration.objects.filter(status=Status.ACTIVE).values(field).annotate(n=Count("pk")).order_by(field)
    )
    return [(labels.get(row[field], row[field]), row["n"]) for row in rows]


def section_declarations_by_prefecture():
    return ["prefecture", "declarations"], _declarations_by("prefecture", _labels(Prefecture.choices))


def section_declarations_by_industry():
    return ["industry", "declarations"], _declarations_by("industry", _labels(Industry.choices))


def section_declarations_by_level():
    from declaration.models import Stars

    return ["level", "declarations"], _declarations_by("stars", _labels(Stars.choices))


def section_declarations_by_purpose():
    from declaration.models import Purpose

    return ["purpose", "declarations"], _declarations_by("purpose", _labels(Purpose.choices))


def _diagnosis_groups(by: str):
    """From the kept peer aggregates: constant work whatever the number of results."""
    from diagnosis.models import PeerStatistics, Questionnaire

    questionnaire = Questionnaire.objects.filter(is_current=True).first()
    if questionnaire is None:
        return []
    condition = Q(size_band="") & ~Q(industry="") if by == "industry" else Q(industry="") & ~Q(size_band="")
    labels = _labels(Industry.choices if by == "industry" else SizeBand.choices)
    rows = PeerStatistics.objects.filter(condition, questionnaire=questionnaire, count__gt=0).order_by(by)
    return [(labels[getattr(row, by)], row.count, round(row.sum_scores / row.count, 1)) for row in rows]


def section_diagnosis_by_industry():
    return ["industry", "organisations", "average score"], _diagnosis_groups("industry")


def section_diagnosis_by_size():
    return ["size", "organisations", "average score"], _diagnosis_groups("size_band")


def section_learning_by_theme():
    from learning.models import Progress, Theme

    passed = dict(
        Progress.objects.filter(passed_at__isnull=False).values_list("theme__number").annotate(n=Count("pk"))
    )
    return ["theme", "passed"], [
        (f"{t.number}. {t.title}", passed.get(t.number, 0)) for t in Theme.objects.all()
    ]


def section_presenters_by_prefecture():
    from presenters.models import ActivityReport, Area, Kind, Status

    labels = _labels(Prefecture.choices)
    presenters = dict(
        Area.objects.filter(presenter__status=Status.APPROVED, presenter__kind=Kind.PUBLIC)
        .values_list("prefecture")
        .annotate(n=Count("presenter", distinct=True))
    )
    talks = {
        row["prefecture"]: (row["talks"], row["people"])
        for row in ActivityReport.objects.values("prefecture").annotate(
            talks=Count("pk"), people=Sum("audience_size")
        )
    }
    codes = sorted(set(presenters) | set(talks))
    return ["prefecture", "presenters", "talks", "participants"], [
        (labels[code], presenters.get(code, 0), *talks.get(code, (0, 0))) for code in codes
    ]


SECTIONS = {
    "declarations_by_month": section_declarations_by_month,
    "declarations_by_prefecture": section_declarations_by_prefecture,
    "declarations_by_industry": section_declarations_by_industry,
    "declarations_by_level": section_declarations_by_level,
    "declarations_by_purpose": section_declarations_by_purpose,
    "diagnosis_by_industry": section_diagnosis_by_industry,
    "diagnosis_by_size": section_diagnosis_by_size,
    "learning_by_theme": section_learning_by_theme,
    "presenters_by_prefecture": section_presenters_by_prefecture,
}


def section(name: str):
    """(header, rows) of one section, cached."""
    return cache.get_or_set(f"staff-statistics:{name}", SECTIONS[name], CACHE_SECONDS)
