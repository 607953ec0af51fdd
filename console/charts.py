"""The staff statistics' trend chart, drawn on the server as SVG like every chart of the
portal (portal.lib.charts: presentation attributes only, a title for assistive technology,
the same figures in a table beside it)."""

from django.utils.html import escape
from django.utils.safestring import SafeString

from portal.lib import charts


def monthly_columns(months: list[tuple[str, int]], *, title: str, label: str) -> SafeString:
    """One column per month (label "YYYY-MM"), oldest first, each with its count above it. With
    many months, only January and every third month are labelled under the axis, so that the
    labels never overlap; every column still carries its count (or a tooltip when narrow)."""
    width, height, left, right, top, bottom = 720, 240, 40, 12, 22, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max((count for _month, count in months), default=0) or 1
    ticks = charts._ticks(0, most)  # the core's helpers: one look for every chart
    top_value = max(ticks[-1], most)
    column = plot_w / max(len(months), 1)
    base = top + plot_h

    def y(value: float) -> float:
        return base - value / top_value * plot_h

    body = []
    for tick in ticks:
        body.append(charts._line(left, y(tick), width - right, y(tick)))
        body.append(charts._text(left - 6, y(tick) + 4, tick, size=10, anchor="end"))
    body.append(charts._line(left, base, width - right, base, charts.TEXT))
    every = 1 if len(months) <= 12 else 3
    for index, (month, count) in enumerate(months):
        x = left + index * column
        bar = max(column - 4, 1.5)
        h = base - y(count)
        body.append(
            f'<rect x="{x + (column - bar) / 2:.1f}" y="{base - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="{charts.NAVY}"><title>{escape(month)}: {count}</title></rect>'
        )
        if column >= 16:
            body.append(charts._text(x + column / 2, base - h - 4, count, size=9, anchor="middle"))
        year, _sep, number = month.partition("-")
        if index % every == 0 or number == "01":
            body.append(charts._text(x + column / 2, base + 14, number, size=9, anchor="middle"))
        if number == "01" or index == 0:
            body.append(charts._text(x + column / 2, base + 28, year, size=10, anchor="middle"))
    body.append(charts._rect(left, height - 11, 10, 10, charts.NAVY))
    body.append(charts._text(left + 14, height - 2, label, size=10))
    return charts._svg(width, height, title, body)
