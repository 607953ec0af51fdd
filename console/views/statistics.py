"""The staff statistics page (/review/statistics/): charts and a CSV per section."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from console import charts as console_charts
from console import statistics
from portal.access import staff_permission_required
from portal.lib import charts
from portal.lib.audit import audit
from portal.lib.csv_export import safe_row
from portal.lib.replica import reads_from_replica

# The page's order; every section the services offer has a title (tests/console/test_statistics.py).
TITLES = {
    "declarations_by_month": _("月別の自己宣言（有効）"),
    "declarations_by_prefecture": _("都道府県別の自己宣言"),
    "declarations_by_industry": _("業種別の自己宣言"),
    "declarations_by_level": _("段階別の自己宣言"),
    "declarations_by_purpose": _("目的別の自己宣言"),
    "diagnosis_by_industry": _("業種別の自社診断（組織数と平均点）"),
    "diagnosis_by_size": _("規模別の自社診断（組織数と平均点）"),
    "learning_by_theme": _("テーマ別の合格者数"),
    "presenters_by_prefecture": _("都道府県別のプレゼンターと講演"),
}


@staff_permission_required("portal.view_statistics")
@reads_from_replica
def staff_statistics(request: HttpRequest) -> HttpResponse:
    name = request.GET.get("section")
    if request.GET.get("format") == "csv":
        if name not in statistics.SECTIONS:
            raise Http404
        header, rows = statistics.section(name)
        audit("export.statistics", request=request, target=name)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows(safe_row(row) for row in rows)
        return response
    sections = []
    for key, title in TITLES.items():
        header, rows = statistics.section(key)
        sections.append(
            {
                "key": key,
                "title": title,
                "header": header,
                "rows": rows,
                "chart": _chart(key, str(title), header, rows),
            }
        )
    return render(request, "review/statistics.html", {"sections": sections})


def _chart(key: str, title: str, header: list[str], rows: list[tuple]):
    """The month trend as columns; groups with an average score (the diagnosis sections) as
    bars of the average, each label with its count; every other group as bars of its count."""
    if not rows:
        return None
    if key == "declarations_by_month":
        return console_charts.monthly_columns(
            [(row[0], row[1]) for row in rows], title=title, label=header[1]
        )
    if len(rows) > 60:
        return None
    if len(header) == 3 and header[2] == str(statistics.COLUMNS["average score"]):
        return charts.horizontal_bars(
            [charts.Bar(f"{row[0]} ({row[1]})", row[2]) for row in rows],
            title=title,
            minimum=min(0, *(row[2] for row in rows)),
            maximum=100,
            own_label=f"{header[2]} ({header[1]})",
            reference_label="",
        )
    return charts.horizontal_bars(
        [charts.Bar(str(row[0]), row[1]) for row in rows],
        title=title,
        minimum=0,
        maximum=max([row[1] for row in rows] + [1]),
        own_label=header[1],
        reference_label="",
    )
