"""The document templates: an index page and each document as Word and PDF, prefilled with
the current organisation's name for a signed-in member."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from portal import documents
from portal.access import current_organisation
from portal.lib.kept_pages import kept_page


@kept_page()
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "documents/index.html",
        {"documents": documents.all_documents(), "organisation": current_organisation(request)},
    )


def _organisation_name(request: HttpRequest) -> str:
    organisation = current_organisation(request)
    return organisation.name if organisation else ""


def _download(content: bytes, *, content_type: str, filename: str, prefilled: bool) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    if prefilled:
        # It carries the organisation's name: no shared cache may keep it for others.
        patch_cache_control(response, private=True)
    return response


def document_docx(request: HttpRequest, slug: str) -> HttpResponse:
    document = documents.document_or_404(slug)
    name = _organisation_name(request)
    return _download(
        documents.docx_bytes(slug, name),
        content_type=documents.DOCX_CONTENT_TYPE,
        filename=documents.filename(document, "docx"),
        prefilled=bool(name),
    )


def document_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    document = documents.document_or_404(slug)
    name = _organisation_name(request)
    return _download(
        documents.pdf_bytes(slug, name),
        content_type="application/pdf",
        filename=documents.filename(document, "pdf"),
        prefilled=bool(name),
    )
