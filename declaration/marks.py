"""The portal's own declaration marks (not IPA's SECURITY ACTION logo), as SVG and PNG.

Drawn from code so that nothing else needs storing: a navy badge with one or two stars,
the words 自己宣言 and, on the verification badge, the ID.
"""

import io
import math
from functools import cache

from django.utils.html import escape

NAVY = "#0b3d91"
GOLD = "#f2a900"
FONT_FILE = "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf"
PNG_SIZES = (120, 240, 480)


def _star_points(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def _stars(stars: int, size: float) -> list[list[tuple[float, float]]]:
    centres = [0.5] if stars == 1 else [0.34, 0.66]
    return [_star_points(size * x, size * 0.40, size * 0.17, size * 0.07) for x in centres]


def mark_svg(stars: int, *, declaration_id: str = "", status_label: str = "") -> str:
    size = 200
    polygons = "".join(
        f'<polygon points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in star)}" fill="{GOLD}"/>'
        for star in _stars(stars, size)
    )
    label = "★★ 自己宣言" if stars == 2 else "★ 自己宣言"
    lines = [f'<text x="100" y="150" font-size="22" text-anchor="middle" fill="#fff">{label}</text>']
    if declaration_id:
        lines.append(
            f'<text x="100" y="178" font-size="15" text-anchor="middle" fill="#fff">ID {escape(declaration_id)}</text>'
        )
    if status_label:
        lines.append(
            f'<rect x="20" y="80" width="160" height="40" rx="6" fill="#b02a37"/>'
            f'<text x="100" y="107" font-size="20" text-anchor="middle" fill="#fff">{escape(status_label)}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        f'font-family="IPAexGothic, \'Noto Sans JP\', sans-serif" role="img" aria-label="{label}">'
        f'<rect width="{size}" height="{size}" rx="28" fill="{NAVY}"/>'
        f'<rect x="8" y="8" width="{size - 16}" height="{size - 16}" rx="22" fill="none" stroke="{GOLD}" '
        f'stroke-width="3"/>{polygons}{"".join(lines)}</svg>'
    )


@cache
def mark_png(stars: int, size: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.14, fill=NAVY)
    inset = big * 0.04
    draw.rounded_rectangle(
        [inset, inset, big - inset, big - inset], radius=big * 0.11, outline=GOLD, width=max(2, big // 66)
    )
    for star in _stars(stars, big):
        draw.polygon(star, fill=GOLD)
    font = ImageFont.truetype(FONT_FILE, int(big * 0.11))
    label = "★★ 自己宣言" if stars == 2 else "★ 自己宣言"
    draw.text((big / 2, big * 0.75), label, font=font, fill="white", anchor="mm")
    buffer = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
