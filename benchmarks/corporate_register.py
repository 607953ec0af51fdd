"""Benchmark: importing the whole 法人番号 register, and looking companies up in it.

Writes N synthetic rows in the NTA's official CSV・Unicode layout (valid check digits,
plausible Japanese names and addresses) to a temporary file, a row at a time, imports it
into a throw-away PostgreSQL database with the function `manage.py import_corporate_numbers`
runs, then times the organisation form's look-up endpoint (server side, in process, signed
in): by number, and by the first characters of a name. Prints rows/s, the total time and
median / p95 of each look-up.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \\
        .venv/bin/python benchmarks/corporate_register.py --rows 5000000

The real register holds about five million corporations (the 全件 zip of all Japan).
"""

import argparse
import csv
import os
import random
import tempfile
import time
from pathlib import Path

from common import report, setup, throwaway_database

# Name parts with their readings, so that the furigana matches the name.
HEADS = [
    ("山田", "ヤマダ"),
    ("さくら", "サクラ"),
    ("ひかり", "ヒカリ"),
    ("東海", "トウカイ"),
    ("北斗", "ホクト"),
    ("みどり", "ミドリ"),
    ("大和", "ヤマト"),
    ("青葉", "アオバ"),
    ("中央", "チュウオウ"),
    ("丸山", "マルヤマ"),
    ("富士", "フジ"),
    ("和光", "ワコウ"),
    ("朝日", "アサヒ"),
    ("光陽", "コウヨウ"),
    ("三和", "サンワ"),
    ("協和", "キョウワ"),
    ("日の出", "ヒノデ"),
    ("松本", "マツモト"),
    ("高橋", "タカハシ"),
    ("田中", "タナカ"),
    ("渡辺", "ワタナベ"),
    ("佐藤", "サトウ"),
    ("鈴木", "スズキ"),
    ("伊藤", "イトウ"),
]
PLACES = [
    ("", ""),
    ("北", "キタ"),
    ("南", "ミナミ"),
    ("東", "ヒガシ"),
    ("西", "ニシ"),
    ("中", "ナカ"),
    ("新", "シン"),
    ("第一", "ダイイチ"),
    ("総合", "ソウゴウ"),
    ("国際", "コクサイ"),
    ("日本", "ニホン"),
    ("関東", "カントウ"),
    ("関西", "カンサイ"),
    ("九州", "キュウシュウ"),
    ("北海道", "ホッカイドウ"),
    ("湘南", "ショウナン"),
]
BODIES = [
    ("精機", "セイキ"),
    ("工業", "コウギョウ"),
    ("商事", "ショウジ"),
    ("建設", "ケンセツ"),
    ("運輸", "ウンユ"),
    ("電機", "デンキ"),
    ("食品", "ショクヒン"),
    ("印刷", "インサツ"),
    ("不動産", "フドウサン"),
    ("システム", "システム"),
    ("設計", "セッケイ"),
    ("薬局", "ヤッキョク"),
    ("製作所", "セイサクショ"),
    ("物産", "ブッサン"),
    ("テクノ", "テクノ"),
    ("サービス", "サービス"),
    ("会計事務所", "カイケイジムショ"),
    ("農園", "ノウエン"),
    ("ホテル", "ホテル"),
    ("興産", "コウサン"),
]
# 法人種別 with where the kind's word goes: 301 株式会社, 302 有限会社, 305 合同会社.
FORMS = [("301", "株式会社{}"), ("301", "{}株式会社"), ("302", "有限会社{}"), ("305", "合同会社{}")]
PREFECTURES = [
    "北海道 青森県 岩手県 宮城県 秋田県 山形県 福島県 茨城県 栃木県 群馬県 埼玉県 千葉県 東京都 神奈川県 "
    "新潟県 富山県 石川県 福井県 山梨県 長野県 岐阜県 静岡県 愛知県 三重県 滋賀県 京都府 大阪府 兵庫県 "
    "奈良県 和歌山県 鳥取県 島根県 岡山県 広島県 山口県 徳島県 香川県 愛媛県 高知県 福岡県 佐賀県 長崎県 "
    "熊本県 大分県 宮崎県 鹿児島県 沖縄県"
][0].split()
CITIES = [
    "中央区",
    "北区",
    "南区",
    "東区",
    "西区",
    "港区",
    "緑区",
    "青葉区",
    "本町",
    "駅前市",
    "桜市",
    "若葉町",
]


def check_digit(base: str) -> int:
    total = sum(int(d) * (1 if i % 2 else 2) for i, d in enumerate(reversed(base), 1))
    return 9 - total % 9


def number(n: int) -> str:
    base = f"{n:012d}"
    return f"{check_digit(base)}{base}"


def company(rng: random.Random) -> tuple[str, str, str]:
    (head, head_kana), (place, place_kana), (body, body_kana) = (
        rng.choice(HEADS),
        rng.choice(PLACES),
        rng.choice(BODIES),
    )
    kind, form = rng.choice(FORMS)
    return kind, form.format(head + place + body), head_kana + place_kana + body_kana


def write_register(path: Path, rows: int, rng: random.Random) -> None:
    """`rows` corporations numbered 1000001…, in the official layout, streamed to `path`."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        for n in range(1, rows + 1):
            kind, name, kana = company(rng)
            code = rng.randrange(1, 48)
            updated = f"20{rng.randrange(15, 26)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            closed = rng.random() < 0.05
            row = [""] * 30
            row[0:7] = [str(n), number(1_000_000 + n), "21" if closed else "01", "0", updated, updated, name]
            row[8:12] = [
                kind,
                PREFECTURES[code - 1],
                rng.choice(CITIES),
                f"{rng.randrange(1, 10)}丁目{n % 50 + 1}番",
            ]
            row[13:16] = [f"{code:02d}", f"{rng.randrange(100, 400)}", f"{rng.randrange(10**6, 10**7)}"]
            if closed:
                row[18:20] = [updated, "01"]
            row[22], row[23], row[28] = "2015-10-05", "1", kana
            row[29] = "1" if rng.random() < 0.001 else "0"
            writer.writerow(row)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    setup()
    from django.conf import settings

    settings.CORPORATE_LOOKUPS_PER_MINUTE = 10**9
    from django.test import Client
    from django.urls import reverse

    from portal.lib import corporate_register
    from tests.factories import UserFactory

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as directory, throwaway_database(keep=args.keep):
        path = Path(directory) / "00_zenkoku_all_20260130.csv"
        started = time.monotonic()
        write_register(path, args.rows, rng)
        print(
            f"wrote {args.rows:,} rows ({path.stat().st_size / 2**20:,.0f} MiB) in {time.monotonic() - started:.0f} s"
        )

        started = time.monotonic()
        options = {"batch_size": args.batch_size} if args.batch_size else {}
        result = corporate_register.import_file(path, progress=os.isatty(2), **options)
        total = time.monotonic() - started
        print(result.summary())
        print(
            f"import: {total:.0f} s in all (digest and final commit included), {args.rows / total:,.0f} rows/s"
        )

        client = Client()
        client.force_login(UserFactory())
        url = reverse("organisations:lookup")
        by_number, by_name = [], []
        for _ in range(args.lookups):
            wanted = number(1_000_000 + rng.randrange(1, args.rows + 1))
            started = time.perf_counter()
            response = client.get(url, {"number": wanted})
            by_number.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content
            # What someone types: the first characters of the distinctive part of a name.
            _kind, name, _kana = company(rng)
            typed = name.removeprefix("株式会社").removeprefix("有限会社").removeprefix("合同会社")[:3]
            started = time.perf_counter()
            response = client.get(url, {"name": typed})
            by_name.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content
        report("look-up by number", by_number)
        report("look-up by name (3 characters)", by_name)


if __name__ == "__main__":
    main()
