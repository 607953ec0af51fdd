from functools import cache

from django import template
from django.utils.translation import get_language

from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand

register = template.Library()

CHOICES = {"prefecture": Prefecture, "industry": Industry, "size_band": SizeBand}


@cache
def _labels(kind: str, language: str) -> dict[str, str]:
    return {value: str(label) for value, label in CHOICES[kind].choices}


@register.filter
def choice_label(value: str, kind: str) -> str:
    """The label of a prefecture / industry / size-band code, e.g. {{ org.prefecture|choice_label:"prefecture" }}.

    Faster than get_FOO_display() in long lists: the labels are translated once per language,
    not once per row.
    """
    return _labels(kind, get_language() or "ja").get(value, value)
