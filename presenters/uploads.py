"""Checking uploaded materials by their content, not their name or first bytes.

A file is a PDF when a PDF parser (pypdf) reads its pages, and a PowerPoint file when it is
a ZIP package whose [Content_Types].xml declares ppt/presentation.xml as a presentation
(macro-enabled decks declare another type and are refused). An HTML page that merely
starts with `%PDF-`, or any ZIP named .pptx, is refused.
"""

import logging
import zipfile
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PPTX_MAIN_PART = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
CONTENT_TYPES_MAX_BYTES = 2**20

logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every quirk of a broken file


def sniff_material(upload) -> str:
    """The content type of a PDF or PPTX upload, or ValidationError (too large, or anything else)."""
    if upload.size > settings.PRESENTER_MATERIAL_MAX_BYTES:
        raise ValidationError(
            _("ファイルが大きすぎます（上限 %(mb)s MB）。")
            % {"mb": settings.PRESENTER_MATERIAL_MAX_BYTES // 2**20}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-") and _is_pdf(upload):
            return PDF
        if head.startswith(b"PK\x03\x04") and _is_pptx(upload):
            return PPTX
    finally:
        upload.seek(0)
    raise ValidationError(
        _("PDF または PowerPoint（.pptx）のファイルだけを登録できます。中身を確認できませんでした。")
    )


def _is_pdf(upload) -> bool:
    try:
        reader = PdfReader(upload)
        return not reader.is_encrypted and len(reader.pages) > 0
    except Exception:  # pypdf raises many kinds of errors on what is not a PDF
        return False


def _is_pptx(upload) -> bool:
    try:
        with zipfile.ZipFile(upload) as package:
            if "ppt/presentation.xml" not in package.namelist():
                return False
            info = package.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return False
            data = package.read(info)
            if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # no entity tricks in a package part
                return False
            types = ElementTree.fromstring(data)  # noqa: S314 (no DTD, hence no entities, and ≤ 1 MB)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return False
    return any(
        element.tag.endswith("Override")
        and element.get("PartName") == "/ppt/presentation.xml"
        and element.get("ContentType") == PPTX_MAIN_PART
        for element in types
    )
