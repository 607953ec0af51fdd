"""The numbers management watches, assembled from every service's statistics sections.

Each service offers its sections in its selectors (`statistics_sections()`: name → function
returning (header, rows)), each one an indexed GROUP BY or a read of the kept peer
aggregates. Here they are joined and cached for ten minutes.
"""

from django.core.cache import cache

from declaration import selectors as declaration_selectors
from diagnosis import selectors as diagnosis_selectors
from learning import selectors as learning_selectors
from presenters import selectors as presenter_selectors

CACHE_SECONDS = 600

SECTIONS = {
    **declaration_selectors.statistics_sections(),
    **diagnosis_selectors.statistics_sections(),
    **learning_selectors.statistics_sections(),
    **presenter_selectors.statistics_sections(),
}


def section(name: str):
    """(header, rows) of one section, cached."""
    return cache.get_or_set(f"staff-statistics:{name}", SECTIONS[name], CACHE_SECONDS)
