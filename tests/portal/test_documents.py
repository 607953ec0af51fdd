"""The document templates (rules, pledge, NDA, take-out log, lock-up checklist, contact chart):
every one downloads as Word and PDF in both languages, carries the organisation's name only
for its members, and the links other pages embed all lead to a download."""

import io
import re
import subprocess
import tomllib

import pytest
from django.template import Context, Template
from django.urls import reverse
from docx import Document as WordDocument
from pypdf import PdfReader

from portal import documents
from portal.templatetags.documents import LINKABLE
from tests.content import style
from tests.helpers import in_language
from tools.check_english_content import compare

LANGUAGES = ["ja", "en"]


def title_of(slug, language):
    with documents.path_of(slug, language).open("rb") as f:
        return tomllib.load(f)["title"]


def word_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", documents.SLUGS)
def test_every_document_downloads_as_word_in_both_languages(client, db, slug, language):
    response = in_language(client, language).get(reverse("document_docx", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert re.search(r"\.docx\"?$", response["Content-Disposition"])
    text = word_text(response.content)
    assert title_of(slug, language) in text
    assert documents.BLANK[language] in text  # a template: something is left to fill in


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", documents.SLUGS)
def test_every_document_downloads_as_pdf_in_both_languages(client, db, slug, language):
    response = in_language(client, language).get(reverse("document_pdf", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    assert title_of(slug, language) in pdf_text(response.content).replace("\n", "")


def test_the_pdf_embeds_the_japanese_font(client, db, tmp_path):
    pdf = tmp_path / "rules.pdf"
    pdf.write_bytes(client.get(reverse("document_pdf", args=["rules"])).content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"IPAexGothic\s+CID TrueType\s+Identity-H\s+yes", fonts)


def test_the_word_file_names_a_japanese_font_for_east_asian_text(client, db):
    word = WordDocument(io.BytesIO(client.get(reverse("document_docx", args=["pledge"])).content))
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        documents.DOCX_EAST_ASIAN_FONT
    )


@pytest.mark.parametrize("view", ["document_docx", "document_pdf"])
def test_a_member_gets_the_organisation_name_filled_in(client_for, member, organisation, view):
    response = client_for(member).get(reverse(view, args=["pledge"]))
    text = word_text(response.content) if view == "document_docx" else pdf_text(response.content)
    assert organisation.name in text
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("view", ["document_docx", "document_pdf"])
def test_an_anonymous_visitor_gets_a_blank_instead(client, organisation, view):
    response = client.get(reverse(view, args=["pledge"]))
    text = word_text(response.content) if view == "document_docx" else pdf_text(response.content)
    assert organisation.name not in text
    assert "＿＿＿＿" in text
    assert "private" not in response.get("Cache-Control", "")


def test_an_outsider_gets_their_own_organisation_not_another(client_for, outsider, organisation):
    text = word_text(client_for(outsider).get(reverse("document_docx", args=["nda"])).content)
    assert organisation.name not in text
    assert "有限会社みどり商店" in text


@pytest.mark.parametrize("view", ["document_docx", "document_pdf"])
def test_an_unknown_document_is_a_404(client, db, view):
    assert client.get(f"/documents/no-such-thing.{view.rsplit('_', 1)[1]}").status_code == 404
    assert client.get(reverse(view, args=["checklist"])).status_code == 404


def test_the_index_lists_every_document_with_both_downloads(client, db):
    page = client.get(reverse("documents")).content.decode()
    for slug in documents.SLUGS:
        assert title_of(slug, "ja") in page
        assert reverse("document_docx", args=[slug]) in page
        assert reverse("document_pdf", args=[slug]) in page
    assert reverse("diagnosis:checklist") in page
    assert 'Word<span class="visually-hidden">形式：持ち出し管理台帳</span>' in page


def test_the_index_in_english(client, db):
    page = in_language(client, "en").get(reverse("documents")).content.decode()
    assert "Take-out log" in page


def test_the_index_and_a_download_read_a_constant_number_of_rows(
    client_for, member, django_assert_max_num_queries
):
    client = client_for(member)
    with django_assert_max_num_queries(4):  # session, user, memberships
        assert client.get(reverse("documents")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("document_docx", args=["rules"])).status_code == 200


def test_the_document_links_tag_links_word_and_pdf_with_accessible_labels(db):
    html = Template("{% load documents %}{% document_links slugs %}").render(
        Context({"slugs": ["takeout-log", "checklist", "no-such-thing"]})
    )
    assert reverse("document_docx", args=["takeout-log"]) in html
    assert reverse("document_pdf", args=["takeout-log"]) in html
    # The name starts with what is seen ("Word"), so voice users can say it (WCAG 2.5.3).
    assert 'Word<span class="visually-hidden">形式：持ち出し管理台帳</span>' in html
    assert reverse("diagnosis:checklist") in html
    assert "no-such-thing" not in html


def test_every_linkable_document_downloads(client, questionnaire):
    html = Template("{% load documents %}{% document_links slugs %}").render(Context({"slugs": LINKABLE}))
    links = re.findall(r'href="([^"]+)"', html)
    assert len(links) == 2 * len(documents.SLUGS) + 1
    for link in links:
        response = client.get(link)
        assert response.status_code == 200, link
        assert response["Content-Disposition"].startswith("attachment;"), link


@pytest.mark.parametrize("slug", documents.SLUGS)
def test_the_english_twin_mirrors_the_japanese_file(slug):
    with documents.path_of(slug, "ja").open("rb") as ja, documents.path_of(slug, "en").open("rb") as en:
        assert compare(tomllib.load(ja), tomllib.load(en)) == []


@pytest.mark.parametrize("slug", documents.SLUGS)
def test_the_prose_keeps_to_the_content_style(slug):
    with documents.path_of(slug, "ja").open("rb") as f:
        data = tomllib.load(f)
    prose = [data["summary"], data["note"]] + [p for s in data["sections"] for p in s.get("paragraphs", [])]
    assert [bad for text in prose for bad in style.impolite(text)] == []
    assert style.file_problems(documents.path_of(slug, "ja")) == []
    assert style.file_problems(documents.path_of(slug, "en")) == []
    assert "ひな形" in data["note"]
