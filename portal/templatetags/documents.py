"""`{% document_links slugs %}`: Word and PDF links to the documents a page mentions.

Lesson and item-guide pages list their documents by slug (portal.documents.SLUGS); the slug
"checklist" is the self-check's blank paper form, which the diagnosis app serves (reversed
by its URL name: the core imports no service).
"""

import logging

from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from portal import documents

register = template.Library()
logger = logging.getLogger(__name__)

CHECKLIST = "checklist"
# Every slug a page may link: `{% document_links %}` renders exactly these.
LINKABLE = (*documents.SLUGS, CHECKLIST)


def document_link(slug: str) -> dict | None:
    """{title, docx, pdf} of one slug (docx is "" for the PDF-only checklist); None if unknown."""
    if slug == CHECKLIST:
        return {
            "title": _("セキュリティ健康診断（25項目） 記入用紙"),
            "docx": "",
            "pdf": reverse("diagnosis:checklist"),
        }
    if slug not in documents.SLUGS:
        return None
    document = documents.document_or_404(slug)
    return {
        "title": document.title,
        "docx": reverse("document_docx", args=[slug]),
        "pdf": reverse("document_pdf", args=[slug]),
    }


@register.inclusion_tag("documents/links.html")
def document_links(slugs) -> dict:
    links = []
    for slug in slugs or ():
        link = document_link(slug)
        if link is None:
            # A content file names a document that does not exist: skip it rather than break
            # the lesson; tests/portal/test_documents.py checks the content's slugs.
            logger.warning("Unknown document slug %r", slug)
        else:
            links.append(link)
    return {"links": links}
