"""Benchmark: the self-diagnosis result page and saving a result, at national scale.

Bulk-loads N organisations with one result each into a fresh, throw-away database
(PostgreSQL: DATABASE_URL, with a `test_` prefix, as the test suite does), then times
the result page as the server handles it (Django's test client, in process) and the
save of one new result through the live service. Prints median and p95.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \\
        .venv/bin/python benchmarks/diagnosis_result.py --organisations 100000

Targets (issue #3): p95 under 50 ms for the result page, under 100 ms for a save.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# Production mode: cached templates, no debug bookkeeping; plain HTTP inside the process.
os.environ.update(DEBUG="false", SECURE_SSL_REDIRECT="false", ALLOWED_HOSTS="testserver")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name:<28} n={len(ms):<5} median={statistics.median(ms):7.2f} ms  "
        f"p95={percentile(ms, 0.95):7.2f} ms  max={max(ms):7.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database afterwards")
    parser.add_argument("--profile", action="store_true", help="print where the result page spends its time")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # No collectstatic here: plain static URLs cost the same as hashed ones.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    print(f"database: {connection.vendor}; organisations: {args.organisations:,}")
    started = time.perf_counter()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        from diagnosis import services
        from diagnosis.bulk import bulk_load_results
        from diagnosis.models import Assessment, Status
        from diagnosis.selectors import current_questionnaire
        from portal.models import Membership, Organisation, Role, User

        questionnaire = current_questionnaire()
        print(f"migrated in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        bulk_load_results(questionnaire=questionnaire, organisations=args.organisations, seed=args.seed)
        print(
            f"loaded {Assessment.objects.count():,} results and rebuilt the aggregates in "
            f"{time.perf_counter() - started:.1f} s"
        )

        rng = random.Random(args.seed)  # noqa: S311 - synthetic data
        ids = list(Organisation.objects.values_list("pk", flat=True))
        sample = rng.sample(ids, min(len(ids), max(args.requests, args.saves)))
        # One owner per sampled organisation, each logged in with a session of their own.
        owners = User.objects.bulk_create(
            User(email=f"owner{pk}@example.jp", is_active=True) for pk in sample
        )
        Membership.objects.bulk_create(
            Membership(user=owner, organisation_id=pk, role=Role.ADMIN)
            for owner, pk in zip(owners, sample, strict=True)
        )
        visits = []
        for owner, pk in list(zip(owners, sample, strict=True))[: args.requests]:
            client = Client()
            client.force_login(owner)
            uuid = Assessment.objects.get(organisation_id=pk, status=Status.COMPLETED).uuid
            visits.append((client, f"/diagnosis/results/{uuid}/"))
        for client, url in visits[:20]:  # warm-up: templates, connections
            client.get(url)
        timings = []
        for client, url in visits:
            start = time.perf_counter()
            response = client.get(url)
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
        report("result page (GET)", timings)
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for client, url in visits[:50]:
                client.get(url)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)

        values = ["yes", "partly", "no", "unknown"]
        timings = []
        for owner, pk in list(zip(owners, sample, strict=True))[: args.saves]:
            organisation = Organisation.objects.get(pk=pk)
            answers = {str(n): rng.choice(values) for n in range(1, 26)}
            start = time.perf_counter()
            services.assessment_complete(
                questionnaire=questionnaire, organisation=organisation, user=owner, answers=answers
            )
            timings.append(time.perf_counter() - start)
        report("save one result (service)", timings)
    finally:
        if not args.keep:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
