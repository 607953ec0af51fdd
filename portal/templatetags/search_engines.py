"""Robots meta for pages that search engines should not index."""

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

register = template.Library()

NOINDEX = mark_safe('<meta name="robots" content="noindex">')


@register.simple_tag
def registry_robots() -> str:
    """A declaration's verification page is indexed only when the operator allows it."""
    return "" if settings.REGISTRY_INDEXING else NOINDEX


@register.simple_tag
def noindex() -> str:
    """Pages about one person (certificates) or reached by a private link (shared results)."""
    return NOINDEX
