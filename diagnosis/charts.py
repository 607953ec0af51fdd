"""The self-diagnosis charts, drawn on the server (see portal.lib.charts)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from diagnosis.selectors import Report
from portal.lib import charts


def for_report(report: Report) -> dict:
    reference = report.reference_peer
    bars = [
        charts.Bar(f"{row.item.number}. {row.item.topic}", row.points, row.peer_mean if reference else None)
        for row in report.rows
    ]
    items = {
        "title": _("設問ごとの点数と同業他社の平均"),
        "minimum": -1,
        "maximum": 4,
        "own_label": _("自社の点数"),
        "reference_label": _("平均（%(group)s）") % {"group": reference.label} if reference else "",
    }
    return {
        "items": charts.horizontal_bars(bars, **items),
        # On a phone the wide chart's labels would be a few pixels tall: each label above its bar.
        "items_narrow": charts.stacked_bars(bars, **items),
        "trend": charts.line(
            [(_date(a.completed_at), a.total_score) for a in report.trend],
            title=_("合計点の推移"),
            minimum=-25,
            maximum=100,
        )
        if len(report.trend) > 1
        else None,
        "distributions": [
            (
                group,
                charts.histogram(
                    [(b.label, b.count, b.contains_score) for b in group.summary.distribution],
                    title=_("%(group)s の合計点の分布") % {"group": group.label},
                ),
            )
            for group in report.peers
            if group.summary
        ],
    }


def history(results) -> object:
    """Totals over time, oldest first (the latest 24 results)."""
    latest = list(results.values_list("completed_at", "total_score")[:24])
    if len(latest) < 2:
        return None
    latest.reverse()
    return charts.line(
        [(_date(when), total) for when, total in latest], title=_("合計点の推移"), minimum=-25, maximum=100
    )


def _date(moment) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")
