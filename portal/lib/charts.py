"""Charts drawn on the server as SVG, so that pages need no JavaScript for them and PDFs
can carry them. Only presentation attributes are used (no style attributes), which the
Content-Security-Policy allows. Every chart has a title for assistive technology; pages
put the same figures in a table beside it.
"""

import math
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

NAVY = "#0b3d91"
SKY = "#9bb8e8"
ACCENT = "#f2a900"
GRID = "#d6e0f0"
TEXT = "#1d2433"
FONT = "IPAexGothic, 'Noto Sans JP', sans-serif"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    reference: float | None = None  # e.g. the peer average, drawn as a marker


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 - every text inside is escaped below
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" font-family="{FONT}" class="chart">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _text(x: float, y: float, text, *, size: int = 11, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{TEXT}">'
        f"{escape(str(text))}</text>"
    )


def text_width(text, size: int = 11) -> float:
    """A generous estimate of a label's width: full-width (Japanese) characters take a whole
    em, Latin ones a little over half."""
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in str(text))


def _rect(x: float, y: float, width: float, height: float, fill: str) -> str:
    return f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"/>'


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str = GRID) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"/>'


def _diamond(x: float, y: float, size: float = 5) -> str:
    return (
        f'<path d="M{x:.1f} {y - size * 1.6:.1f} l{size} {size * 1.6} l-{size} {size * 1.6} '
        f'l-{size} -{size * 1.6} z" fill="{ACCENT}" stroke="{TEXT}" stroke-width="0.6"/>'
    )


def _ticks(minimum: float, maximum: float) -> list[int]:
    """Every whole number on a short scale; about five round steps on a long one."""
    span = maximum - minimum
    if span <= 10:
        return list(range(int(minimum), int(maximum) + 1))
    rough = span / 5
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return list(range(int(minimum), int(maximum) + 1, int(step)))


def horizontal_bars(
    bars: list[Bar], *, title: str, minimum: float, maximum: float, own_label: str, reference_label: str
) -> SafeString:
    """One row per bar (e.g. per diagnosis item), with an optional reference marker. The label
    column is as wide as the longest label (English topics are longer than Japanese ones)."""
    label_width = min(max(max((text_width(bar.label) for bar in bars), default=0) + 16, 120), 330)
    width, row = label_width + 450, 22
    plot = width - label_width - 20
    height = 40 + row * len(bars)

    def x(value: float) -> float:
        return label_width + (value - minimum) / (maximum - minimum) * plot

    body = []
    for tick in _ticks(minimum, maximum):
        body.append(_line(x(tick), 24, x(tick), height - 8))
        body.append(_text(x(tick), 16, tick, anchor="middle"))
    for index, bar in enumerate(bars):
        y = 28 + index * row
        body.append(_text(label_width - 8, y + 12, bar.label, anchor="end"))
        left, right = sorted((x(0), x(bar.value)))
        body.append(_rect(left, y + 2, max(right - left, 1.5), 12, NAVY if bar.value >= 0 else "#b02a37"))
        if bar.reference is not None:
            body.append(_diamond(x(bar.reference), y + 8))
    legend_y = height - 2
    body.append(_rect(label_width, legend_y - 9, 10, 10, NAVY))
    body.append(_text(label_width + 14, legend_y, own_label))
    if any(bar.reference is not None for bar in bars):
        body.append(_diamond(label_width + 150, legend_y - 4, 4))
        body.append(_text(label_width + 160, legend_y, reference_label))
    return _svg(width, height + 6, title, body)


def _wrap(text, width: float, size: int) -> list[str]:
    """`text` in lines no wider than `width`: between words, or anywhere in a long Japanese run."""
    tokens: list[str] = []
    for word in re.split(r"(?<= )", str(text)):  # each word keeps its following space
        tokens += [word] if text_width(word, size) <= width else list(word)
    lines, current = [], ""
    for token in tokens:
        if current and text_width(current + token.rstrip(), size) > width:
            lines.append(current.rstrip())
            current = token
        else:
            current += token
    return [*lines, current.rstrip()] if current.strip() else lines


def stacked_bars(
    bars: list[Bar], *, title: str, minimum: float, maximum: float, own_label: str, reference_label: str
) -> SafeString:
    """The same figures as `horizontal_bars` for a phone: each label on its own line(s) above its
    bar, so that a 360 px screen shows them at a readable size (the chart is 340 units wide)."""
    width, size, left, right = 340, 13, 14, 14
    plot = width - left - right

    def x(value: float) -> float:
        return left + (value - minimum) / (maximum - minimum) * plot

    body, y = [], 22
    ticks = _ticks(minimum, maximum)
    for tick in ticks:
        body.append(_text(x(tick), 14, tick, size=size, anchor="middle"))
    top = y
    for bar in bars:
        for text in _wrap(bar.label, width - left, size):
            y += size + 4
            body.append(_text(4, y, text, size=size))
        y += 4
        left_edge, right_edge = sorted((x(0), x(bar.value)))
        body.append(
            _rect(left_edge, y, max(right_edge - left_edge, 2), 12, NAVY if bar.value >= 0 else "#b02a37")
        )
        if bar.reference is not None:
            body.append(_diamond(x(bar.reference), y + 6))
        y += 20
    grid = [_line(x(tick), top, x(tick), y - 4) for tick in ticks]
    y += 14
    body.append(_rect(4, y - 10, 11, 11, NAVY))
    body.append(_text(20, y, own_label, size=size))
    if any(bar.reference is not None for bar in bars):
        y += 20
        body.append(_diamond(9, y - 4, 4))
        body.append(_text(20, y, reference_label, size=size))
    return _svg(width, y + 6, title, grid + body)


def line(points: list[tuple[str, float]], *, title: str, minimum: float, maximum: float) -> SafeString:
    """A trend line with labelled points (e.g. total scores over time)."""
    width, height, left, right, top, bottom = 640, 220, 72, 40, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(value: float) -> float:
        return top + (maximum - value) / (maximum - minimum) * plot_h

    step = plot_w / max(len(points) - 1, 1)
    body = []
    for tick in range(int(minimum), int(maximum) + 1, 25):
        body.append(_line(left, y(tick), width - right, y(tick)))
        body.append(_text(left - 6, y(tick) + 4, tick, anchor="end"))
    coordinates = [
        (left + i * step if len(points) > 1 else left + plot_w / 2, y(value))
        for i, (_label, value) in enumerate(points)
    ]
    if len(coordinates) > 1:
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{cx:.1f} {cy:.1f}" for i, (cx, cy) in enumerate(coordinates)
        )
        body.append(f'<path d="{path}" fill="none" stroke="{NAVY}" stroke-width="2.5"/>')
    for (label, value), (cx, cy) in zip(points, coordinates, strict=True):
        body.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{ACCENT}" stroke="{NAVY}"/>')
        body.append(_text(cx, cy - 9, f"{value:g}", size=12, anchor="middle"))
        body.append(_text(cx, height - bottom + 18, label, anchor="middle"))
    return _svg(width, height, title, body)


def histogram(bins: list[tuple[str, int, bool]], *, title: str) -> SafeString:
    """Columns per bin; the highlighted bin (e.g. where one's own score falls) stands out."""
    width, height, bottom = 640, 180, 34
    most = max((count for _label, count, _mark in bins), default=0) or 1
    column = (width - 20) / max(len(bins), 1)
    base = height - bottom
    body = [_line(10, base, width - 10, base, TEXT)]
    for index, (label, count, marked) in enumerate(bins):
        h = (base - 24) * count / most
        x = 10 + index * column
        body.append(_rect(x + 3, base - h, column - 6, h, ACCENT if marked else SKY))
        body.append(_text(x + column / 2, base - h - 4, count, size=10, anchor="middle"))
        body.append(_text(x + column / 2, base + 14, label, size=9, anchor="middle"))
    return _svg(width, height, title, body)
