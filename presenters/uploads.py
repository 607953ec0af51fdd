"""Checking uploaded materials by their content, not their name."""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


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
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        finally:
            upload.seek(0)
        if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
            return PPTX
    raise ValidationError(
        _("PDF または PowerPoint（.pptx）のファイルだけを登録できます。中身を確認できませんでした。")
    )
