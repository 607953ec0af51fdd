"""Benchmark: what each page costs the server, in process, next to /healthz.

Fills a throw-away database (SQLite by default; PostgreSQL when DATABASE_URL says so) with
`seed_demo`, then asks each page through Django's test client in production mode (DEBUG=false,
cached templates), `--requests` times after a warm-up, and prints per page the median and p95
in milliseconds and the median as a multiple of /healthz's median in the same run. The order
of the pages is shuffled each round, so a slow minute of this shared machine does not land
on one page only. Pages a person sees signed in are asked as an organisation's admin with a
result, a ★★ declaration and a certificate.

    .venv/bin/python benchmarks/render.py                   # every page
    .venv/bin/python benchmarks/render.py --only registry   # pages whose name contains this
    .venv/bin/python benchmarks/render.py --profile home    # where one page spends its time
    .venv/bin/python benchmarks/render.py --fresh           # every page rendered, none kept

Pages are kept whole once rendered (portal/lib/kept_pages.py), so the table shows what a
visit costs until the page's data changes; `--fresh` forgets the kept pages before each
request and shows what the first visit after a change costs.

Targets (issue 18): anonymous public pages <= 3x /healthz (near-static ones <= 2x), signed-in
pages <= 6x, statistics <= 3x.
"""

import argparse
import cProfile
import pstats
import random
import statistics
import time
from dataclasses import dataclass

from common import percentile, setup, throwaway_database

STATIC, PUBLIC, SIGNED_IN = "static", "public", "signed in"
TARGET = {STATIC: 2, PUBLIC: 3, SIGNED_IN: 6}


@dataclass
class Page:
    name: str
    path: str
    kind: str = PUBLIC


def pages(person) -> list[Page]:
    return [
        Page("healthz", "/healthz", STATIC),
        Page("accessibility", "/accessibility/", STATIC),
        Page("about", "/about/", STATIC),
        Page("help", "/help/", STATIC),
        Page("home", "/"),
        Page("home (en)", "/en/"),
        Page("glossary", "/glossary/"),
        Page("diagnosis items", "/diagnosis/items/"),
        Page("diagnosis item 5", "/diagnosis/items/5/"),
        Page("diagnosis questionnaire", "/diagnosis/take/"),
        Page("documents", "/documents/"),
        Page("learning index", "/learning/"),
        Page("learning theme 3", "/learning/3/"),
        Page("registry search", "/registry/?q=" + person["search"]),
        Page("registry statistics", "/registry/statistics/"),
        Page("verification page", f"/registry/{person['declaration_id']}/"),
        Page("API lookup", f"/api/v1/declarations/{person['declaration_id']}"),
        Page("API docs", "/api/"),
        Page("presenter search", "/presenters/?prefecture=13"),
        Page("my home", "/my/", SIGNED_IN),
        Page("questionnaire (signed in)", "/diagnosis/take/", SIGNED_IN),
        Page("result (signed in)", person["result"], SIGNED_IN),
        Page("history", "/diagnosis/history/", SIGNED_IN),
        Page("declaration", "/declaration/mine/", SIGNED_IN),
        Page("learning index (signed in)", "/learning/", SIGNED_IN),
        Page("learning progress", "/learning/progress/", SIGNED_IN),
    ]


def prepare(organisations: int) -> dict:
    """Seed, then pick an admin whose organisation has a result and an active declaration."""
    from django.core.management import call_command

    from declaration.models import Declaration, Status
    from diagnosis.models import Assessment
    from portal.models import Membership, Role

    call_command("seed_demo", organisations=organisations, seed=1, verbosity=0)
    active = Declaration.objects.filter(status=Status.ACTIVE).order_by("-stars")
    with_results = set(Assessment.objects.filter(status="completed").values_list("organisation", flat=True))
    declaration = next(d for d in active.select_related("organisation") if d.organisation_id in with_results)
    organisation = declaration.organisation
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.ADMIN).select_related("user").first()
    )
    user = membership.user
    user.current_organisation = organisation
    user.save(update_fields=["current_organisation"])
    assessment = Assessment.objects.filter(organisation=organisation, status="completed").first()
    return {
        "user": user,
        "declaration_id": declaration.declaration_id,
        "search": organisation.name[:2],
        "result": assessment.get_absolute_url(),
    }


def measure(args) -> None:
    from django.test import Client

    person = prepare(args.organisations)
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(person["user"])
    chosen = [p for p in pages(person) if p.name == "healthz" or not args.only or args.only in p.name]

    from django.core.cache import caches

    def ask(page: Page) -> int:
        if args.fresh:
            caches["public_pages"].clear()
            caches["personal_pages"].clear()
        client = signed_in if page.kind == SIGNED_IN else anonymous
        return client.get(page.path).status_code

    statuses = {page.name: ask(page) for page in chosen}
    broken = {name: status for name, status in statuses.items() if status != 200}
    if broken:
        print("not measured (status is not 200):", broken)
    chosen = [page for page in chosen if page.name not in broken]
    for _ in range(args.warmup):
        for page in chosen:
            ask(page)

    if args.profile:
        page = next(p for p in chosen if p.name == args.profile)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            ask(page)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return

    timings: dict[str, list[float]] = {page.name: [] for page in chosen}
    rng = random.Random(1)
    for _ in range(args.requests):
        rng.shuffle(chosen)
        for page in chosen:
            started = time.perf_counter()
            ask(page)
            timings[page.name].append((time.perf_counter() - started) * 1000)

    base = statistics.median(timings["healthz"])
    print()
    print("| page | median ms | p95 ms | × /healthz | target |")
    print("|---|---:|---:|---:|---|")
    kinds = {page.name: page.kind for page in chosen}
    for name in [p.name for p in pages(person) if p.name in timings]:
        ms = timings[name]
        ratio = statistics.median(ms) / base
        target = TARGET[kinds[name]]
        verdict = "" if name == "healthz" else ("yes" if ratio <= target else "no") + f" (≤ {target}×)"
        print(f"| {name} | {statistics.median(ms):.2f} | {percentile(ms, 0.95):.2f} | {ratio:.1f} | {verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--only", help="measure only pages whose name contains this (and /healthz)")
    parser.add_argument("--profile", metavar="PAGE", help="profile one page by name instead of timing")
    parser.add_argument("--fresh", action="store_true", help="forget kept pages before each request")
    args = parser.parse_args()
    setup()
    with throwaway_database():
        measure(args)


if __name__ == "__main__":
    main()
