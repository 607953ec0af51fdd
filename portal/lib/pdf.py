"""Every PDF of the portal is rendered here: HTML templates through WeasyPrint.

PDF templates (templates/<app>/pdf/) set `font-family: "IPAexGothic"`, which Debian's
fonts-ipaexfont provides; without a Japanese font WeasyPrint silently prints empty
boxes, so a test checks that the font is embedded. Relative URLs in PDF templates
resolve against static/ (e.g. `portal/img/favicon.svg`).

PDFs that many people fetch unchanged (certificates) are kept in the default file
storage, named by their language and a digest of their HTML: any change to the data, the
template or the language gives a new name, so a kept file is never stale, and the new file
replaces the older one of its language, so that the folder does not grow with every change.
With object storage configured (STORAGES in settings) they go there like any upload.
"""

import hashlib

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.http import content_disposition_header

from portal.lib.operator import site_operator

JAPANESE_FONT = "IPAexGothic"


def render_pdf(template: str, context: dict, *, keep_in: str = "") -> bytes:
    """The PDF of `template`. With `keep_in` (a folder name), reuse the stored copy of the
    same HTML, or store the new one there under `generated/<keep_in>/`."""
    # Without an operator, PDFs carry the demonstration notice like every page (its template
    # decides where): a printed certificate travels further than the site.
    html = render_to_string(
        template, {"pdf_font": JAPANESE_FONT, "site_operator": site_operator(), **context}
    )
    if not keep_in:
        return html_to_pdf(html)
    folder, language = f"generated/{keep_in}", translation.get_language() or "ja"
    name = f"{folder}/{language}-{hashlib.sha256(html.encode()).hexdigest()}.pdf"
    if default_storage.exists(name):
        with default_storage.open(name) as stored:
            return stored.read()
    pdf = html_to_pdf(html)
    default_storage.save(name, ContentFile(pdf))
    _prune_superseded(folder, language, keep=name)
    return pdf


def _prune_superseded(folder: str, language: str, *, keep: str) -> None:
    """A folder holds one document: the new file supersedes the older ones of its language (a
    name corrected, a template changed), which would otherwise be kept forever."""
    _folders, files = default_storage.listdir(folder)
    for file in files:
        path = f"{folder}/{file}"
        if path != keep and file.startswith(f"{language}-"):
            default_storage.delete(path)


def kept_delete(keep_in: str) -> None:
    """Delete the PDFs kept under `keep_in` (every language): their document is gone, and a kept
    copy must not outlive the data it shows."""
    folder = f"generated/{keep_in}"
    try:
        _folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        default_storage.delete(f"{folder}/{file}")


def html_to_pdf(html: str) -> bytes:
    """The one call into WeasyPrint (tests count or replace it here)."""
    from weasyprint import HTML  # imported here: loading Pango takes a moment, and only PDFs need it

    return HTML(string=html, base_url=str(settings.BASE_DIR / "static") + "/").write_pdf()


def pdf_response(pdf: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """Shown in the browser by default; `download` asks the browser to save it."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(download, filename)
    return response
