"""Benchmark: the SECURITY ACTION registry, verification page and API at national scale.

Bulk-loads N organisations, each with an active declaration, into a throw-away
PostgreSQL database, then times (server side, in process) a partial-name search, a
prefecture + stars filter, a verification page and an API lookup. Prints median and p95.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \\
        .venv/bin/python benchmarks/registry.py --declarations 500000

Target (issue #4): p95 under 50 ms each.
"""

import argparse
import random
import time
from datetime import date, timedelta

from common import report, setup, throwaway_database

# Parts of plausible company names, so that a name fragment matches a realistic share.
HEADS = [
    "山田",
    "さくら",
    "ひかり",
    "東海",
    "北斗",
    "みどり",
    "大和",
    "青葉",
    "中央",
    "丸山",
    "新日本",
    "富士",
    "和光",
    "昭和",
    "平成",
    "朝日",
    "光陽",
    "三和",
    "協和",
    "日の出",
    "松本",
    "高橋",
    "田中",
    "渡辺",
]
BODIES = [
    "精機",
    "工業",
    "商事",
    "建設",
    "運輸",
    "電機",
    "食品",
    "印刷",
    "不動産",
    "システム",
    "設計",
    "薬局",
    "製作所",
    "物産",
    "テクノ",
    "サービス",
    "会計事務所",
    "歯科医院",
    "農園",
    "ホテル",
]
FORMS = ["株式会社{}", "{}株式会社", "有限会社{}", "合同会社{}", "{}"]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--declarations", type=int, default=500_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    setup()
    from django.db import connection, transaction
    from django.test import Client

    with throwaway_database(args.keep):
        from declaration.ids import format_declaration_id
        from declaration.models import Declaration, IdCounter, Status
        from portal.lib.industries import Industry
        from portal.lib.prefectures import Prefecture
        from portal.models import Organisation

        rng = random.Random(args.seed)
        prefectures, industries = list(Prefecture.values), list(Industry.values)
        started = time.perf_counter()
        batch = 10_000
        for start in range(0, args.declarations, batch):
            size = min(batch, args.declarations - start)
            with transaction.atomic():
                organisations = Organisation.objects.bulk_create(
                    Organisation(
                        name=rng.choice(FORMS).format(
                            rng.choice(HEADS) + rng.choice(BODIES) + f"{start + n}"
                        ),
                        prefecture=rng.choice(prefectures),
                        industry=rng.choice(industries),
                        size_band="6-20",
                    )
                    for n in range(size)
                )
                Declaration.objects.bulk_create(
                    Declaration(
                        organisation=organisation,
                        declaration_id=format_declaration_id(start + n + 1),
                        stars=rng.choice([1, 1, 1, 2]),
                        status=Status.ACTIVE,
                        declared_on=date(2017, 1, 1) + timedelta(days=rng.randint(0, 3600)),
                        contact_name="担当",
                        contact_email="contact@example.jp",
                        contact_phone="0312345678",
                        purpose="subsidy",
                    )
                    for n, organisation in enumerate(organisations)
                )
        IdCounter.objects.update_or_create(pk=1, defaults={"last_serial": args.declarations})
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"loaded {args.declarations:,} declarations in {time.perf_counter() - started:.1f} s")

        client = Client()
        ids = list(Declaration.objects.values_list("declaration_id", flat=True)[: args.requests * 10])
        cases = {
            "name search (q=fragment)": [
                ("/registry/", {"q": rng.choice(HEADS) + rng.choice(BODIES)[:1]})
                for _ in range(args.requests)
            ],
            "prefecture + stars filter": [
                ("/registry/", {"prefecture": rng.choice(prefectures), "stars": rng.choice(["1", "2"])})
                for _ in range(args.requests)
            ],
            "verification page": [(f"/registry/{rng.choice(ids)}/", {}) for _ in range(args.requests)],
            "API lookup": [(f"/api/v1/declarations/{rng.choice(ids)}", {}) for _ in range(args.requests)],
        }
        for name, requests in cases.items():
            for path, params in requests[:10]:  # warm-up
                client.get(path, params)
            timings = []
            for path, params in requests:
                start = time.perf_counter()
                response = client.get(path, params)
                timings.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
            report(name, timings)


if __name__ == "__main__":
    main()
