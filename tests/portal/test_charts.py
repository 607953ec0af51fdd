"""The server-drawn SVG charts."""

import re

from portal.lib.charts import Bar, horizontal_bars, text_width


def test_labels_fit_in_their_column_in_english_and_japanese():
    for label in ["Preventing misdirected emails and faxes", "メール・FAXの誤送信防止"]:
        svg = str(
            horizontal_bars(
                [Bar(label, 2)], title="t", minimum=-1, maximum=4, own_label="you", reference_label="peers"
            )
        )
        right_edge = float(
            re.search(r'<text x="([\d.]+)"[^>]*text-anchor="end"[^>]*>' + re.escape(label), svg).group(1)
        )
        assert right_edge - text_width(label) >= 0, label  # the label's left end stays inside the picture


def test_short_labels_keep_a_compact_chart():
    svg = str(
        horizontal_bars(
            [Bar("バックアップ", 3)], title="t", minimum=-1, maximum=4, own_label="you", reference_label="p"
        )
    )
    assert 'viewBox="0 0 570 ' in svg  # 120 px of labels + 450 px of plot
