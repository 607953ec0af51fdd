"""The numbers management watches, assembled from every service's statistics sections.

Each service offers its sections in its selectors (`statistics_sections()`: name → function
returning (header, rows)), each one an indexed GROUP BY or a read of the kept peer
aggregates. Here they are joined, put in the reader's language and cached for ten minutes
(one copy per language: the services name prefectures, industries and themes in the language
that is active when they run).
"""

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from declaration import selectors as declaration_selectors
from diagnosis import selectors as diagnosis_selectors
from learning import selectors as learning_selectors
from portal.lib.size_bands import SizeBand
from presenters import selectors as presenter_selectors

CACHE_SECONDS = 600

SECTIONS = {
    **declaration_selectors.statistics_sections(),
    **diagnosis_selectors.statistics_sections(),
    **learning_selectors.statistics_sections(),
    **presenter_selectors.statistics_sections(),
}

# The services' column names (stable codes) in words; a new one shows as its code until it
# is named here (tests/console/test_statistics.py checks every section's columns).
COLUMNS = {
    "month": _("月"),
    "declarations": _("自己宣言の数"),
    "prefecture": _("都道府県"),
    "industry": _("業種"),
    "level": _("段階"),
    "purpose": _("目的"),
    "size": _("規模（従業員数）"),
    "organisations": _("組織数"),
    "average score": _("平均点"),
    "theme": _("テーマ"),
    "passed": _("合格者数"),
    "presenters": _("プレゼンター数"),
    "talks": _("講演数"),
    "participants": _("参加者数"),
}


def section(name: str):
    """(header, rows) of one section in the active language, cached: the header in words,
    size bands from the smallest up."""
    language = translation.get_language() or "ja"
    return cache.get_or_set(f"staff-statistics:{name}:{language}", lambda: _localised(name), CACHE_SECONDS)


def _localised(name: str):
    header, rows = SECTIONS[name]()
    if name == "diagnosis_by_size":
        order = {str(label): index for index, (_value, label) in enumerate(SizeBand.choices)}
        rows = sorted(rows, key=lambda row: order.get(str(row[0]), len(order)))
    return [str(COLUMNS.get(column, column)) for column in header], list(rows)
