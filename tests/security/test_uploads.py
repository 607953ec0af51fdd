"""Finding 15: presenter materials are checked by parsing them, not by their first bytes.

The attack: an HTML page (with a script) that starts with `%PDF-`, or any ZIP archive named
.pptx, was accepted as a material and then served to every presenter who downloads it.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from presenters.forms import MaterialForm
from presenters.uploads import PDF, PPTX
from tests.helpers import minimal_pdf as real_pdf
from tests.helpers import minimal_pptx as real_pptx
from tests.helpers import zip_of

MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"


def upload(name: str, content: bytes):
    return MaterialForm(
        data={"title": "5か条スライド", "audience": "中小企業"},
        files={"file": SimpleUploadedFile(name, content)},
    )


REFUSED = "PDF または PowerPoint"


@pytest.mark.parametrize(
    "name,content",
    [
        ("guide.pdf", b"%PDF-1.7\n<html><script>alert(document.cookie)</script></html>"),
        ("guide.pdf", b"%PDF-1.4\n%%EOF\n"),  # a header and a trailer, but no document
        ("deck.pptx", zip_of({"readme.txt": "hello"})),
        # A ZIP with the right file names but no presentation content type.
        ("deck.pptx", zip_of({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})),
        ("deck.pptx", real_pptx(main=MACRO_MAIN)),  # a macro-enabled deck renamed .pptx
        ("deck.pptx", zip_of({"[Content_Types].xml": "<Types", "ppt/presentation.xml": "<p/>"})),
        ("deck.pptx", b"PK\x03\x04not-a-zip"),
    ],
    ids=[
        "html-starting-with-pdf",
        "pdf-shell",
        "zip",
        "zip-with-ppt-names",
        "macro-deck",
        "bad-xml",
        "not-zip",
    ],
)
def test_a_file_that_only_looks_like_a_material_is_refused(db, name, content):
    form = upload(name, content)
    assert not form.is_valid()
    assert REFUSED in form.errors["file"][0]


def test_a_real_pdf_is_accepted(db):
    form = upload("guide.pdf", real_pdf())
    assert form.is_valid(), form.errors
    assert form.sniffed_type == PDF


def test_a_real_pptx_is_accepted(db):
    form = upload("deck.pptx", real_pptx())
    assert form.is_valid(), form.errors
    assert form.sniffed_type == PPTX


def test_the_content_decides_not_the_name(db):
    form = upload("slides.pptx", real_pdf())
    assert form.is_valid(), form.errors
    assert form.sniffed_type == PDF
