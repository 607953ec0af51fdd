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


def test_the_phone_chart_puts_each_label_above_its_bar_at_a_readable_size():
    from portal.lib.charts import stacked_bars

    long_topic = "Keep operating systems and software up to date with the latest patches"
    svg = str(
        stacked_bars(
            [
                Bar("1. パスワードを推測されにくいものにして、使い回さない", 4, 2.5),
                Bar(f"2. {long_topic}", -1),
            ],
            title="t",
            minimum=-1,
            maximum=4,
            own_label="自社の点数",
            reference_label="平均",
        )
    )
    assert 'viewBox="0 0 340 ' in svg  # drawn for a phone: 13-unit text stays about 12 px at 320 px
    assert 'font-size="13"' in svg and 'font-size="11"' not in svg
    assert ">2. Keep operating systems and software up</text>" in svg  # wrapped between words
    assert ">to date with the latest patches</text>" in svg
    assert svg.count("<path") == 2  # one peer marker and the legend's
