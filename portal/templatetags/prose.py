"""Content prose as HTML: paragraphs split by blank lines, lines starting with "- " as lists.

The content files (item guides, documents) are plain text; this is the one place that turns
them into markup, escaping every line.
"""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

BLANK_LINE = re.compile(r"\n\s*\n")


def _block(lines: list[str]) -> str:
    html, bullets, sentences = [], [], []

    def flush():
        if sentences:
            html.append(f"<p>{'<br>'.join(sentences)}</p>")
            sentences.clear()
        if bullets:
            html.append(f"<ul>{''.join(f'<li>{item}</li>' for item in bullets)}</ul>")
            bullets.clear()

    for line in lines:
        if line.startswith("- "):
            if sentences:
                flush()
            bullets.append(escape(line[2:].strip()))
        else:
            if bullets:
                flush()
            sentences.append(escape(line))
    flush()
    return "".join(html)


@register.filter
def prose(text: str) -> str:
    blocks = BLANK_LINE.split((text or "").strip())
    return mark_safe(  # noqa: S308 every line is escaped in _block
        "".join(_block([line.strip() for line in block.splitlines() if line.strip()]) for block in blocks)
    )
