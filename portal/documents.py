"""The documents the advice promises: editable templates (rules, pledge, NDA, take-out log,
lock-up checklist, incident contact chart) as Word files and PDFs.

Each document is a data file, `fixtures/documents/<slug>.toml`, with its English twin in
`fixtures/documents/en/<slug>.toml`:

    title, summary (for the index page), note (“this is a template — adapt it”)
    [[sections]]   heading, paragraphs [...], bullets [...],
                   table {columns [...], rows N, labels [...] (first column, prefilled)},
                   signatures [{heading, lines [...]}]

`{organisation}` anywhere in a text becomes the organisation's name, or a blank line for a
visitor who is not signed in. The documents need nothing but that name, so they live in the
core: any page may link them (`{% document_links %}` in portal/templatetags/documents.py).
"""

from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.http import Http404

from portal.lib.content_files import read_twin, twin_path
from portal.lib.email import current_language
from portal.lib.pdf import render_pdf

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "documents"
# The slugs in the order of the index page; other pages link them by these names.
SLUGS = ("rules", "pledge", "nda", "takeout-log", "lockup-checklist", "contact-chart")
BLANK = {"ja": "＿＿＿＿＿＿＿＿", "en": "________________"}
LABEL_SEPARATOR = {"ja": "：", "en": ": "}
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Yu Gothic comes with Windows and Office for Mac; where it is missing, Word substitutes a
# Japanese font of its own (MS Gothic on older Windows).
DOCX_FONT = "Yu Gothic"
DOCX_EAST_ASIAN_FONT = "游ゴシック"


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]  # every row as long as `columns`; empty strings are blank cells

    @property
    def labelled(self) -> bool:
        """The first column is prefilled (roles, contacts) rather than blank."""
        return any(row[0] for row in self.rows)


@dataclass(frozen=True)
class Signature:
    heading: str
    lines: list[str]


@dataclass(frozen=True)
class Section:
    heading: str = ""
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    table: Table | None = None
    signatures: list[Signature] = field(default_factory=list)


@dataclass(frozen=True)
class Document:
    slug: str
    language: str
    title: str
    summary: str
    note: str
    sections: list[Section]

    @property
    def landscape(self) -> bool:
        """Wide tables (logs, checklists) print across the page."""
        return any(section.table and len(section.table.columns) > 6 for section in self.sections)

    def filled(self, organisation_name: str) -> "Document":
        """The document with `{organisation}` replaced by the name (a blank line without one)."""
        name = organisation_name or BLANK[self.language]

        def fill(text: str) -> str:
            return text.replace("{organisation}", name)

        return Document(
            slug=self.slug,
            language=self.language,
            title=fill(self.title),
            summary=fill(self.summary),
            note=fill(self.note),
            sections=[
                Section(
                    heading=fill(s.heading),
                    paragraphs=[fill(p) for p in s.paragraphs],
                    bullets=[fill(b) for b in s.bullets],
                    table=s.table,
                    signatures=s.signatures,
                )
                for s in self.sections
            ],
        )


def path_of(slug: str, language: str) -> Path:
    return twin_path(FOLDER, slug, language)


def _table(data: dict | None) -> Table | None:
    if not data:
        return None
    columns = data["columns"]
    labels = data.get("labels", [])
    count = max(data.get("rows", 0), len(labels))
    rows = [[labels[n] if n < len(labels) else ""] + [""] * (len(columns) - 1) for n in range(count)]
    return Table(columns=columns, rows=rows)


@cache
def _load(slug: str, language: str) -> Document:
    """Read once per process and language: the files change only with a deployment."""
    data = read_twin(FOLDER, slug, language)
    return Document(
        slug=slug,
        language=language,
        title=data["title"],
        summary=data["summary"],
        note=data["note"],
        sections=[
            Section(
                heading=section.get("heading", ""),
                paragraphs=section.get("paragraphs", []),
                bullets=section.get("bullets", []),
                table=_table(section.get("table")),
                signatures=[
                    Signature(s.get("heading", ""), s["lines"]) for s in section.get("signatures", [])
                ],
            )
            for section in data["sections"]
        ],
    )


def all_documents() -> list[Document]:
    """Every document in the active language, in the index page's order."""
    language = current_language()
    return [_load(slug, language) for slug in SLUGS]


def document_or_404(slug: str) -> Document:
    if slug not in SLUGS:
        raise Http404("No such document.")
    return _load(slug, current_language())


def filename(document: Document, extension: str) -> str:
    return f"{document.title}.{extension}"


def pdf_bytes(slug: str, organisation_name: str = "") -> bytes:
    """The PDF in the active language. Blank copies are kept in the file storage (the same
    for every visitor); prefilled ones are rendered for the person who asks."""
    document = document_or_404(slug).filled(organisation_name)
    context = {
        "document": document,
        "organisation_name": organisation_name,
        "blank": BLANK[document.language],
        "separator": LABEL_SEPARATOR[document.language],
    }
    return render_pdf(
        "documents/pdf/document.html", context, keep_in="" if organisation_name else f"documents/{slug}"
    )


def docx_bytes(slug: str, organisation_name: str = "") -> bytes:
    """The Word file in the active language, with `organisation_name` filled in. A blank copy is
    the same for every visitor: built once per process and language (python-docx takes ~0.1 s)."""
    if not organisation_name:
        return _blank_docx(slug, current_language())
    return _docx(slug, organisation_name)


@cache
def _blank_docx(slug: str, language: str) -> bytes:
    return _docx(slug, "")  # `language` is the active one: it keys the cache


def _docx(slug: str, organisation_name: str) -> bytes:
    # python-docx and lxml load on first use: only Word files need them.
    from portal.lib.word import WordWriter

    document = document_or_404(slug).filled(organisation_name)
    writer = WordWriter(font=DOCX_FONT, east_asian_font=DOCX_EAST_ASIAN_FONT, landscape=document.landscape)
    writer.title(document.title)
    if organisation_name:
        writer.paragraph(organisation_name, bold=True)
    writer.note(document.note)
    for section in document.sections:
        if section.heading:
            writer.heading(section.heading)
        for paragraph in section.paragraphs:
            writer.paragraph(paragraph)
        for bullet in section.bullets:
            writer.bullet(bullet)
        if section.table:
            writer.table(section.table.columns, section.table.rows)
        for signature in section.signatures:
            writer.signature(
                signature.heading,
                signature.lines,
                blank=BLANK[document.language],
                separator=LABEL_SEPARATOR[document.language],
            )
    buffer = BytesIO()
    writer.save(buffer)
    return buffer.getvalue()
