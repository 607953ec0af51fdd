"""`{{ text|glossary_links }}`: plain text as paragraphs, with glossary terms linked.

Like Django's `linebreaks` (blank lines separate paragraphs, single newlines become <br>),
every character of the text escaped; in addition, the first occurrence of each glossary term
(or of one of its aliases) in the active language links to its entry on the glossary page.
Longer terms win over the shorter ones inside them, and a term is linked once per call.
"""

import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines

from portal import reference

register = template.Library()

PARAGRAPH_BREAK = re.compile(r"\n{2,}")


@register.filter(is_safe=True)
def glossary_links(text: str) -> SafeString:
    pattern, slug_of = reference.term_matcher()
    glossary_url = reverse("glossary")
    linked: set[str] = set()

    def paragraph(part: str) -> str:
        html, position = [], 0
        for match in pattern.finditer(part):
            slug = slug_of[match.lastgroup]
            if slug in linked:
                continue
            linked.add(slug)
            html.append(escape(part[position : match.start()]))
            html.append(
                format_html('<a class="glossary-link" href="{}#{}">{}</a>', glossary_url, slug, match.group())
            )
            position = match.end()
        html.append(escape(part[position:]))
        return "".join(html).replace("\n", "<br>")

    parts = PARAGRAPH_BREAK.split(normalize_newlines(str(text or "")).strip())
    return mark_safe(  # noqa: S308 every piece of the text is escaped in paragraph()
        "\n\n".join(f"<p>{paragraph(part)}</p>" for part in parts if part)
    )
