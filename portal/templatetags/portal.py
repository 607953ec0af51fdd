import re
from functools import cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext

from portal.lib.forms import error_summary as form_error_summary
from portal.lib.industries import Industry
from portal.lib.operator import site_operator
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


@register.simple_tag
def select_options(field) -> str:
    """The <option>s of a bound single-choice field, the current value selected. The search
    forms' selects hold some eighty options: a template loop over them cost more than the rest
    of a search page together."""
    value = field.value()
    current = "" if value is None else str(value)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((choice, " selected" if str(choice) == current else "", label) for choice, label in field.field.choices),
    )


@register.filter
def list_join(values) -> str:
    """Join a list with the language's separator: 「A、B」 in Japanese, "A, B" in English."""
    return pgettext("list separator", "、").join(str(value) for value in values)


@register.simple_tag
def list_separator() -> str:
    return pgettext("list separator", "、")


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@register.filter
def lang_of(text) -> str:
    """` lang="ja"` for Japanese text people entered (names, bios) on a page in another language,
    so that screen readers pronounce it as Japanese (WCAG 3.1.2, language of parts)."""
    if (get_language() or "ja").startswith("ja") or not JAPANESE.search(str(text or "")):
        return ""
    return mark_safe(' lang="ja"')  # noqa: S308 - a constant


@cache
def _demonstration_notice(language: str) -> str:
    return render_to_string("includes/demonstration_notice.html")


@register.simple_tag
def demonstration_notice() -> str:
    """The notice every page shows while no operator is configured: rendered once per language
    (it is on every page, and the same for everyone), and needs no request context, so the
    500 page shows it too."""
    if site_operator() is not None:
        return ""
    return _demonstration_notice(get_language() or "ja")  # render_to_string's output is safe


@register.simple_tag
def error_summary(form) -> list:
    """The errors that templates/includes/error_summary.html lists (portal.lib.forms)."""
    return form_error_summary(form)
