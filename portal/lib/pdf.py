"""Every PDF of the portal is rendered here: HTML templates through WeasyPrint.

PDF templates (templates/<app>/pdf/) set `font-family: "IPAexGothic"`, which Debian's
fonts-ipaexfont provides; without a Japanese font WeasyPrint silently prints empty
boxes, so a test checks that the font is embedded. Relative URLs in PDF templates
resolve against static/ (e.g. `portal/img/favicon.svg`).
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

JAPANESE_FONT = "IPAexGothic"


def render_pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango takes a moment, and only PDFs need it

    html = render_to_string(template, {"pdf_font": JAPANESE_FONT, **context})
    return HTML(string=html, base_url=str(settings.BASE_DIR / "static") + "/").write_pdf()


def pdf_response(pdf: bytes, *, filename: str, download: bool = False) -> HttpResponse:
    """Shown in the browser by default; `download` asks the browser to save it."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(download, filename)
    return response
