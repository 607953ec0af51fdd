"""The downloadable marks (every variant and format) and their versioned URLs."""

import io
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from PIL import Image

from declaration import marks, services

ID = "40000000018"


@pytest.mark.parametrize("stars", [1, 2])
@pytest.mark.parametrize("variant", list(marks.VARIANTS))
@pytest.mark.parametrize("status_label", ["", "停止中", "取り下げ", "Suspended", "Withdrawn"])
def test_every_text_fits_inside_its_mark(variant, stars, status_label):
    drawing = marks.layout(variant, stars, declaration_id=ID, status_label=status_label)
    for shape in drawing.shapes:
        if isinstance(shape, marks.Text):
            width = marks.text_width(shape.text, shape.size)
            left = shape.x - width / 2 if shape.anchor == "middle" else shape.x
            assert left >= 12 and left + width <= drawing.width - 12, (variant, shape.text)
            assert shape.size <= shape.y <= drawing.height - 10


@pytest.mark.parametrize("variant", list(marks.VARIANTS))
def test_each_variant_says_security_action_the_level_and_the_id_where_it_should(variant):
    _shape, with_id = marks.VARIANTS[variant]
    for stars, words in marks.LEVEL_WORDS.items():
        svg = marks.svg(marks.layout(variant, stars, declaration_id=ID))
        root = ET.fromstring(svg)
        texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert "SECURITY ACTION" in texts and words in texts
        assert (f"ID {ID}" in texts) is with_id
        stars_drawn = len(list(root.iter("{http://www.w3.org/2000/svg}polygon")))
        assert stars_drawn == stars
        assert root.find("{http://www.w3.org/2000/svg}title").text == marks.label(
            stars, ID if with_id else ""
        )


@pytest.fixture
def member_client(client_for, organisation, member, declare):
    declaration = declare(organisation)
    return client_for(member), declaration


def _downloads(body: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/declaration/mine/marks/[^"]+)"', body)))


def test_mine_offers_every_variant_in_svg_png_and_pdf(member_client):
    client, declaration = member_client
    body = client.get(reverse("declaration:mine")).content.decode()
    urls = _downloads(body)
    version = marks.declaration_version(declaration)
    assert all(url.endswith(f"?v={version}") for url in urls)
    paths = {url.split("?")[0].rsplit("/", 1)[1] for url in urls}
    for variant, (shape, _with_id) in marks.VARIANTS.items():
        assert f"{variant}.svg" in paths and f"{variant}.pdf" in paths
        assert {f"{variant}-{w}.png" for w in marks.PNG_WIDTHS[shape]} <= paths
    assert len(re.findall(r'data-testid="mark-variant"', body)) == 4


@pytest.mark.parametrize("variant", list(marks.VARIANTS))
def test_svg_and_png_open_and_carry_the_id(member_client, variant):
    client, declaration = member_client
    shape, with_id = marks.VARIANTS[variant]
    svg = client.get(reverse("declaration:mark_file", args=[variant, "svg"]))
    assert svg["Content-Type"] == "image/svg+xml"
    assert (declaration.declaration_id in svg.content.decode()) is with_id
    ET.fromstring(svg.content)
    for width in marks.PNG_WIDTHS[shape]:
        png = client.get(reverse("declaration:mark_png_variant", args=[variant, width]))
        image = Image.open(io.BytesIO(png.content))
        assert image.format == "PNG"
        assert image.size == (width, width * marks.SIZES[shape][1] // marks.SIZES[shape][0])
        assert declaration.declaration_id in png["Content-Disposition"] or not with_id
    assert client.get(reverse("declaration:mark_png_variant", args=[variant, 999])).status_code == 404


@pytest.mark.parametrize("variant", ["square-id", "horizontal-id", "horizontal"])
def test_the_pdf_is_print_sized_with_the_font_embedded_and_the_id_in_it(member_client, variant, tmp_path):
    from pypdf import PdfReader

    client, declaration = member_client
    shape, with_id = marks.VARIANTS[variant]
    response = client.get(reverse("declaration:mark_file", args=[variant, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    page = PdfReader(io.BytesIO(response.content)).pages[0]
    width_mm, height_mm = (float(v) * 25.4 / 72 for v in (page.mediabox.width, page.mediabox.height))
    assert (round(width_mm), round(height_mm)) == marks.PRINT_MM[shape]
    text = page.extract_text()
    assert "SECURITY ACTION" in text and "一つ星 自己宣言" in text
    assert (declaration.declaration_id in text) is with_id
    pdf = tmp_path / "mark.pdf"
    pdf.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # The Japanese font is embedded, not empty boxes.
    assert re.search(r"IPAexGothic\s+CID TrueType\s+Identity-H\s+yes", fonts)


def test_unknown_variants_and_formats_are_404(member_client):
    client, _declaration = member_client
    assert client.get("/declaration/mine/marks/round.svg").status_code == 404
    assert client.get("/declaration/mine/marks/square.gif").status_code == 404


def test_no_marks_unless_active_or_for_outsiders(client_for, organisation, admin, outsider, declare):
    declaration = declare(organisation)
    url = reverse("declaration:mark_file", args=["square-id", "svg"])
    assert client_for(outsider).get(url).status_code == 404
    services.declaration_withdraw(declaration=declaration, user=admin)
    assert client_for(admin).get(url).status_code == 404
    assert _downloads(client_for(admin).get(reverse("declaration:mine")).content.decode()) == []


class TestVersionedUrls:
    def _badge_url(self, client) -> str:
        body = client.get(reverse("declaration:mine")).content.decode()
        return re.search(r'src="(/registry/\d+/badge\.svg\?v=\w+)"', body).group(1)

    def test_the_badge_url_changes_with_the_level_and_the_status(
        self, client_for, organisation, admin, reviewer, declare, complete
    ):
        declaration = declare(organisation)
        client = client_for(admin)
        one_star = self._badge_url(client)
        downloads = _downloads(client.get(reverse("declaration:mine")).content.decode())
        complete(organisation)
        services.declaration_upgrade(
            declaration=declaration,
            user=admin,
            use_portal_policy=False,
            policy_url="https://sakura.example.jp/policy",
        )
        two_stars = self._badge_url(client)
        assert two_stars != one_star
        assert "二つ星" in client.get(two_stars).content.decode()
        assert set(_downloads(client.get(reverse("declaration:mine")).content.decode())).isdisjoint(downloads)
        # An old versioned URL shows the current mark and is not kept.
        old = client.get(one_star)
        assert "二つ星" in old.content.decode()
        assert "immutable" not in old["Cache-Control"]
        declaration.refresh_from_db()
        before = marks.declaration_version(declaration)
        services.declaration_suspend(declaration=declaration, reviewer=reviewer, reason="確認のため")
        declaration.refresh_from_db()
        assert marks.declaration_version(declaration) != before

    def test_cache_headers(self, client, organisation, declare):
        declaration = declare(organisation)
        url = reverse("registry:badge", args=[declaration.declaration_id])
        version = marks.declaration_version(declaration)
        kept = client.get(f"{url}?v={version}")
        assert kept["Cache-Control"] == "public, max-age=31536000, immutable"
        embedded = client.get(url)  # the snippet on other sites: revalidated every time
        assert embedded["Cache-Control"] == "public, no-cache"
        assert embedded["ETag"] == f'"{version}"'
        assert client.get(url, HTTP_IF_NONE_MATCH=f'"{version}"').status_code == 304

    def test_a_members_versioned_download_is_kept_privately(self, member_client):
        client, declaration = member_client
        url = reverse("declaration:mark_file", args=["square", "svg"])
        versioned = client.get(f"{url}?v={marks.declaration_version(declaration)}")
        assert versioned["Cache-Control"] == "private, max-age=31536000, immutable"
        assert "no-store" in client.get(url)["Cache-Control"]
