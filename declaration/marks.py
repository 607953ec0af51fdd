"""The portal's own declaration marks (not IPA's SECURITY ACTION logo): SVG, PNG and PDF.

Drawn from code so that nothing else needs storing. Each mark is laid out once, as a list
of shapes (`layout`), and that one layout is written out as SVG and drawn with Pillow as
PNG; the PDF prints the SVG at a physical size. So every format shows the same thing:
"SECURITY ACTION", one or two gold stars, the level in words and, in the variants that
carry it, the 自己宣言ID.

Variants: square or horizontal, each with or without the ID. The embeddable badge of the
registry is the square with the ID, and says 停止中 / 取り下げ when the declaration no longer
stands.

URLs of marks carry a version (`version()`): a digest of what the mark shows. Pages link
the versioned URL, which may be kept for a year, so a new level or status shows at once;
an unversioned URL (the snippet embedded on other sites) is revalidated on every use.
"""

import hashlib
import io
import math
from base64 import b64encode
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape

NAVY = "#0b3d91"
GOLD = "#f2a900"
RED = "#b02a37"
WHITE = "#ffffff"
FONT_FILE = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
FONT_FAMILY = "IPAexGothic, 'Noto Sans JP', sans-serif"
# Bump when the drawing changes: every versioned URL changes with it.
DRAWING = 2

SQUARE, HORIZONTAL = "square", "horizontal"
# name → (layout, with the ID)
VARIANTS = {
    "square": (SQUARE, False),
    "square-id": (SQUARE, True),
    "horizontal": (HORIZONTAL, False),
    "horizontal-id": (HORIZONTAL, True),
}
# Layout units (the SVG's viewBox) and the printed size in millimetres.
SIZES = {SQUARE: (200, 200), HORIZONTAL: (480, 160)}
PRINT_MM = {SQUARE: (40, 40), HORIZONTAL: (90, 30)}
# PNG widths in pixels: one for Web pages, one for documents and print.
PNG_WIDTHS = {SQUARE: (240, 960), HORIZONTAL: (480, 1920)}
# The older square download (/declaration/mine/mark-<size>.png) keeps its sizes.
PNG_SIZES = (120, 240, 480)

LEVEL_WORDS = {1: "一つ星 自己宣言", 2: "二つ星 自己宣言"}


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    radius: float
    fill: str = "none"
    stroke: str = ""
    stroke_width: float = 0


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str


@dataclass(frozen=True)
class Text:
    """`x, y` is the baseline's start (anchor "start") or middle (anchor "middle")."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "middle"
    fill: str = WHITE


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    shapes: tuple
    label: str  # what the mark says, for screen readers and the PDF's title


def _star(cx: float, cy: float, outer: float, inner: float) -> tuple[tuple[float, float], ...]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((round(cx + radius * math.cos(angle), 1), round(cy - radius * math.sin(angle), 1)))
    return tuple(points)


def label(stars: int, declaration_id: str = "") -> str:
    words = f"SECURITY ACTION {'★★' if stars == 2 else '★'} {LEVEL_WORDS[stars]}"
    return f"{words} ID {declaration_id}" if declaration_id else words


def layout(variant: str, stars: int, *, declaration_id: str = "", status_label: str = "") -> Layout:
    """The shapes of one mark. `declaration_id` is drawn by the variants "…-id"."""
    shape, with_id = VARIANTS[variant]
    if not with_id:
        declaration_id = ""
    width, height = SIZES[shape]
    shapes: list = [
        Rect(0, 0, width, height, 28, fill=NAVY),
        Rect(8, 8, width - 16, height - 16, 22, stroke=GOLD, stroke_width=3),
    ]
    level = LEVEL_WORDS[stars]
    if shape == SQUARE:
        star_y = 92 if declaration_id else 98
        centres = [100] if stars == 1 else [68, 132]
        shapes += [Polygon(_star(x, star_y, 34, 14), GOLD) for x in centres]
        shapes.append(Text(100, 42, "SECURITY ACTION", 17))
        if declaration_id:
            shapes += [Text(100, 150, level, 20), Text(100, 178, f"ID {declaration_id}", 15)]
        else:
            shapes.append(Text(100, 163, level, 21))
        band = (16, 74, 168, 40)
    else:
        if stars == 1:
            shapes.append(Polygon(_star(86, 84, 50, 20), GOLD))
        else:
            shapes += [Polygon(_star(x, 84, 31, 12.5), GOLD) for x in (54, 118)]
        if declaration_id:
            shapes += [
                Text(172, 58, "SECURITY ACTION", 30, anchor="start"),
                Text(172, 100, level, 24, anchor="start"),
                Text(172, 136, f"ID {declaration_id}", 19, anchor="start"),
            ]
        else:
            shapes += [
                Text(172, 72, "SECURITY ACTION", 30, anchor="start"),
                Text(172, 120, level, 27, anchor="start"),
            ]
        band = (16, 60, 448, 40)
    if status_label:
        x, y, w, h = band
        shapes += [Rect(x, y, w, h, 6, fill=RED), Text(x + w / 2, y + 27, status_label, 20)]
    return Layout(width, height, tuple(shapes), label(stars, declaration_id))


def version(*, stars: int, status: str, declaration_id: str) -> str:
    """Changes whenever what a mark of this declaration shows changes (and with DRAWING)."""
    return hashlib.sha256(f"{DRAWING}|{declaration_id}|{stars}|{status}".encode()).hexdigest()[:12]


def declaration_version(declaration) -> str:
    return version(
        stars=declaration.stars, status=declaration.status, declaration_id=declaration.declaration_id or ""
    )


def versioned_response(request, response, current: str, *, public: bool):
    """Kept for a year when the URL names the current version (`?v=`): the page linking it
    names a new one as soon as the level or status changes. Otherwise a public mark is
    revalidated on every use (a 304 while it is unchanged)."""
    scope = "public" if public else "private"
    if request.GET.get("v") == current:
        response["Cache-Control"] = f"{scope}, max-age=31536000, immutable"
    elif public:
        response["Cache-Control"] = "public, no-cache"
    # else: a member's download at an unversioned URL stays `private, no-store` (portal.lib.caching)
    response["ETag"] = f'"{current}"'
    return response


# --- SVG ------------------------------------------------------------------------------


def _svg_shape(shape) -> str:
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}" stroke-width="{shape.stroke_width}"' if shape.stroke else ""
        return (
            f'<rect x="{shape.x}" y="{shape.y}" width="{shape.width}" height="{shape.height}" '
            f'rx="{shape.radius}" fill="{shape.fill}"{stroke}/>'
        )
    if isinstance(shape, Polygon):
        return f'<polygon points="{" ".join(f"{x},{y}" for x, y in shape.points)}" fill="{shape.fill}"/>'
    return (
        f'<text x="{shape.x}" y="{shape.y}" font-size="{shape.size}" text-anchor="{shape.anchor}" '
        f'fill="{shape.fill}">{escape(shape.text)}</text>'
    )


def svg(drawing: Layout, *, width: float | None = None) -> str:
    width = width or drawing.width
    height = width * drawing.height / drawing.width
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {drawing.width} {drawing.height}" '
        f'width="{width:g}" height="{height:g}" font-family="{FONT_FAMILY}" role="img" '
        f'aria-label="{escape(drawing.label)}"><title>{escape(drawing.label)}</title>'
        f"{''.join(_svg_shape(shape) for shape in drawing.shapes)}</svg>"
    )


def mark_svg(stars: int, *, declaration_id: str = "", status_label: str = "") -> str:
    """The square mark; with the ID when one is given (the registry's badge)."""
    variant = "square-id" if declaration_id else "square"
    return svg(layout(variant, stars, declaration_id=declaration_id, status_label=status_label))


# --- PNG ------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(size: int):
    from PIL import ImageFont

    return ImageFont.truetype(FONT_FILE, size)


def text_width(text: str, size: float) -> float:
    """How wide `text` is in layout units (tests check that every text fits its mark)."""
    return _font(int(size * 20)).getlength(text) / 20


@lru_cache(maxsize=128)
def png(drawing: Layout, width: int) -> bytes:
    from PIL import Image, ImageDraw

    supersample = 4  # draw large, then shrink: smooth edges
    scale = width * supersample / drawing.width
    big = (round(drawing.width * scale), round(drawing.height * scale))
    image = Image.new("RGBA", big, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            if shape.stroke:
                # SVG centres a stroke on the outline; Pillow draws it inside the box.
                half = shape.stroke_width / 2
                box = [
                    (shape.x - half) * scale,
                    (shape.y - half) * scale,
                    (shape.x + shape.width + half) * scale,
                    (shape.y + shape.height + half) * scale,
                ]
                draw.rounded_rectangle(
                    box,
                    radius=(shape.radius + half) * scale,
                    outline=shape.stroke,
                    width=max(1, round(shape.stroke_width * scale)),
                )
            else:
                box = [
                    shape.x * scale,
                    shape.y * scale,
                    (shape.x + shape.width) * scale - 1,
                    (shape.y + shape.height) * scale - 1,
                ]
                draw.rounded_rectangle(box, radius=shape.radius * scale, fill=shape.fill)
        elif isinstance(shape, Polygon):
            draw.polygon([(x * scale, y * scale) for x, y in shape.points], fill=shape.fill)
        else:
            draw.text(
                (shape.x * scale, shape.y * scale),
                shape.text,
                font=_font(round(shape.size * scale)),
                fill=shape.fill,
                anchor="ms" if shape.anchor == "middle" else "ls",
            )
    size = (width, round(width * drawing.height / drawing.width))
    buffer = io.BytesIO()
    image.resize(size, Image.LANCZOS).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def mark_png(stars: int, size: int) -> bytes:
    """The square mark without the ID, `size` pixels wide (the older download)."""
    return png(layout("square", stars), size)


# --- PDF ------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def pdf(drawing: Layout) -> bytes:
    """The mark alone on a page of its printed size, drawn as vectors (print-ready)."""
    from django.template.loader import render_to_string

    from portal.lib.pdf import html_to_pdf

    shape = SQUARE if drawing.width == drawing.height else HORIZONTAL
    width_mm, height_mm = PRINT_MM[shape]
    source = b64encode(svg(drawing).encode()).decode()
    html = render_to_string(
        "declaration/pdf/mark.html",
        {
            "title": drawing.label,
            "width_mm": width_mm,
            "height_mm": height_mm,
            "src": f"data:image/svg+xml;base64,{source}",
        },
    )
    return html_to_pdf(html)
