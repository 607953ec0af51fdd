"""Word (.docx) files through python-docx: A4, one font for Latin and Japanese text.

python-docx's default template names theme fonts (Calibri, and for East Asian text whatever
the reader's Word picks), so every style we use is given explicit fonts, including the
`w:eastAsia` one that Word uses for Japanese characters.
"""

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

A4 = (Mm(210), Mm(297))
ACCENT = RGBColor(0x0B, 0x3D, 0x91)
STYLES = ("Normal", "Title", "Heading 1", "List Bullet", "Table Grid")


def _set_fonts(element, latin: str, east_asian: str) -> None:
    """Explicit fonts on a style's or run's properties (theme fonts would win otherwise)."""
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute, name in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:eastAsia", east_asian),
        ("w:cs", latin),
    ):
        fonts.set(qn(attribute), name)


class WordWriter:
    """Builds one document from top to bottom."""

    def __init__(self, *, font: str, east_asian_font: str, landscape: bool = False):
        self.document = Document()
        section = self.document.sections[0]
        width, height = A4
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            width, height = height, width
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = Mm(18)
        section.top_margin = section.bottom_margin = Mm(16)
        for name in STYLES:
            style = self.document.styles[name]
            _set_fonts(style.element, font, east_asian_font)
        normal = self.document.styles["Normal"]
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        title = self.document.styles["Title"]
        title.font.size = Pt(18)
        title.font.color.rgb = ACCENT
        heading = self.document.styles["Heading 1"]
        heading.font.size = Pt(13)
        heading.font.color.rgb = ACCENT

    def title(self, text: str) -> None:
        self.document.add_paragraph(text, style="Title")

    def heading(self, text: str) -> None:
        self.document.add_paragraph(text, style="Heading 1")

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False) -> None:
        run = self.document.add_paragraph().add_run(text)
        run.bold, run.italic = bold, italic

    def note(self, text: str) -> None:
        """The "this is a template" note: a shaded, bordered paragraph."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run(text).font.size = Pt(9.5)
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), "EEF3FB")
        paragraph._p.get_or_add_pPr().append(shading)

    def bullet(self, text: str) -> None:
        self.document.add_paragraph(text, style="List Bullet")

    def table(self, columns: list[str], rows: list[list[str]]) -> None:
        table = self.document.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            run.font.size = Pt(9)
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
        header.append(repeat)
        for row, values in zip(table.rows[1:], rows, strict=True):
            row.height = Mm(9)
            for cell, text in zip(row.cells, values, strict=True):
                if text:
                    cell.paragraphs[0].add_run(text).font.size = Pt(9)
        self.document.add_paragraph()

    def signature(self, heading: str, lines: list[str], *, blank: str, separator: str) -> None:
        """A block to sign: each line a label and a blank to write on."""
        if heading:
            self.paragraph(heading, bold=True)
        for line in lines:
            paragraph = self.document.add_paragraph(f"{line}{separator}{blank}")
            paragraph.paragraph_format.space_before = Pt(8)

    def save(self, stream) -> None:
        self.document.save(stream)
