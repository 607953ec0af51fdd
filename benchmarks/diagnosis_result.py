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
import random
import time

from common import report, setup, throwaway_database


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

    setup()
    from django.test import Client

    print(f"organisations: {args.organisations:,}")
    started = time.perf_counter()
    with throwaway_database(args.keep):
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

        rng = random.Random(args.seed)
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


if __name__ == "__main__":
    main()
