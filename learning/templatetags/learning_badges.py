"""`{% status_badge row.status %}`: a lesson's state as a badge, in Python rather than an
include: the lesson list shows 25 of them on every view."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

register = template.Library()

BADGES = {
    "passed": ("text-bg-success", _("合格")),
    "in_progress": ("text-bg-warning", _("学習中")),
    "not_started": ("text-bg-light border", _("未学習")),
}


@register.simple_tag(takes_context=True)
def status_badge(context, status: str) -> str:
    """Nothing for a visitor's unstarted lesson: there is no progress to show them."""
    if status not in ("passed", "in_progress") and not context["user"].is_authenticated:
        return ""
    css, label = BADGES.get(status, BADGES["not_started"])
    return format_html('<span class="badge {} text-nowrap">{}</span>', css, label)
