"""Burst test: the rush of declarations before a subsidy deadline, over real HTTP.

    make bench-burst                   # or: DATABASE_URL=postgres://… .venv/bin/python benchmarks/burst.py

On a fresh database `<name>_burst` (dropped afterwards) behind gunicorn in production mode:

1. 500 organisations submit their ★ declaration at the same moment (500 threads released
   by one barrier). Expected: 500 redirects to マイページ, no 5xx, exactly 500 active
   declarations with 500 different valid IDs, one per organisation, each with its review
   event, and the ID counter at exactly 500 (no ID lost or skipped).
2. 50 admins of ONE organisation submit at the same moment. Expected: exactly one
   declaration, every other answer a normal page (the "already declared" message or the
   redirect to マイページ), no 5xx.

It prints the time the burst took, the latency of the answers, and the checks; the exit
status is 1 when a check fails.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.clients import (  # noqa: E402
    DECLARATION_FORM,
    Checks,
    django_setup,
    people_with_organisations,
    require_postgres,
    scratch_database,
    send,
    sibling_database_url,
)
from benchmarks.common import percentile  # noqa: E402
from benchmarks.servers import Gunicorn, collectstatic, production_environment  # noqa: E402


def fire(url: str, people, form) -> list:
    """Every person POSTs at the same instant; returns the answers in order."""
    barrier = threading.Barrier(len(people))
    answers = [None] * len(people)

    def one(n, person):
        barrier.wait()
        answers[n] = send(url, "POST", "/declaration/apply/", headers=person.form_headers(), form=form)

    threads = [threading.Thread(target=one, args=(n, p)) for n, p in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def describe(answers, seconds: float) -> None:
    latencies = [a.seconds * 1000 for a in answers]
    print(
        f"  {len(answers)} requests in {seconds:.2f} s; statuses {dict(sorted(Counter(a.status for a in answers).items()))}; "
        f"latency median {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
        f"max {max(latencies):.0f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--same-organisation", type=int, default=50)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    url = sibling_database_url(require_postgres(), "burst")
    with scratch_database(url, keep=options.keep):
        return run(options, url)


def run(options, url: str) -> int:
    environment = production_environment(url)
    django_setup(environment)
    from django.db.models import Count

    from declaration.ids import is_valid_declaration_id
    from declaration.models import Declaration, IdCounter, ReviewEvent, Status

    many = people_with_organisations(options.organisations, prefix="burst")
    ((one_organisation, its_admins),) = people_with_organisations(
        1, prefix="single", admins_per_organisation=options.same_organisation
    )
    collectstatic(environment)
    check = Checks()
    with Gunicorn(environment, workers=options.workers, timeout=120) as server:
        print(
            f"\n{options.organisations} organisations declare at once ({options.workers} gunicorn workers):"
        )
        started = time.monotonic()
        answers = fire(server.url, [people[0] for _org, people in many], DECLARATION_FORM)
        describe(answers, time.monotonic() - started)
        check(
            all(a.status == 302 and a.location == "/declaration/mine/" for a in answers),
            f"every answer is the redirect to マイページ {Counter(a.location for a in answers).most_common(2)}",
        )
        active = Declaration.objects.filter(status=Status.ACTIVE, organisation__in=[o for o, _p in many])
        ids = list(active.values_list("declaration_id", flat=True))
        check(
            len(ids) == options.organisations,
            f"{len(ids)} active declarations (expected {options.organisations})",
        )
        check(
            len(set(ids)) == len(ids) and all(map(is_valid_declaration_id, ids)),
            "all IDs different and valid",
        )
        per_organisation = active.values("organisation").annotate(n=Count("pk")).filter(n__gt=1).count()
        check(per_organisation == 0, "one declaration per organisation")
        check(
            IdCounter.objects.values_list("last_serial", flat=True).first() == options.organisations,
            "the ID counter moved by exactly the number issued",
        )
        events = ReviewEvent.objects.filter(declaration__in=active).count()
        check(events == len(ids), f"{events} review events, one per declaration")

        print(f"\n{options.same_organisation} admins of one organisation declare at once:")
        started = time.monotonic()
        answers = fire(server.url, its_admins, DECLARATION_FORM)
        describe(answers, time.monotonic() - started)
        check(all(0 < a.status < 500 for a in answers), "no 5xx and no cut connection")
        declared = Declaration.objects.filter(organisation=one_organisation).count()
        check(declared == 1, f"{declared} declaration(s) for the organisation (expected 1)")
        check(sum(a.status == 302 for a in answers) >= 1, "the winner was redirected to マイページ")
    return check.exit_status()


if __name__ == "__main__":
    sys.exit(main())
