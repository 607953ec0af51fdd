"""Fill a database with realistic synthetic data for demos and load tests.

    python manage.py seed_demo --organisations 100000 --seed 1

Organisations follow rough real-world shares of prefectures, industries and sizes; about
60% have a self-diagnosis result, 30% an active declaration (a quarter of them ★★), 0.5%
a security presenter, and some members have learning progress. Each floor writes its own
rows (portal/demo.py and `<service>/demo.py`), bulk-inserted in batches; the peer
aggregates are then rebuilt from the stored results, which gives the same numbers as
saving them one by one (tests check this against a brute-force recount). Every writer
draws from one seeded generator in a fixed order, so a seed gives the same data.
"""

import random

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from declaration import demo as declaration_demo
from declaration.selectors import active_declaration_count
from diagnosis import demo as diagnosis_demo
from diagnosis.selectors import current_questionnaire
from diagnosis.services import statistics_rebuild
from learning import demo as learning_demo
from portal import demo as portal_demo
from presenters import demo as presenter_demo


class Command(BaseCommand):
    help = "Fill the database with realistic synthetic organisations, results, declarations and more."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--declarations",
            type=int,
            default=0,
            help="add declaring-only organisations until this many declarations are active",
        )
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, organisations, seed, batch, declarations=0, **options):
        rng = random.Random(seed)  # noqa: S311 - synthetic data
        questionnaire = current_questionnaire()
        started = timezone.now()
        prefix = portal_demo.demo_prefix(seed)
        for start in range(0, organisations, batch):
            size = min(batch, organisations - start)
            with transaction.atomic():
                self._batch(rng, questionnaire, prefix, start, size)
            self.stdout.write(f"{start + size:,} / {organisations:,} organisations")
        missing = declarations - active_declaration_count()
        for start in range(organisations, organisations + max(0, missing), batch):
            size = min(batch, organisations + missing - start)
            with transaction.atomic():
                self._batch(rng, questionnaire, prefix, start, size, declaring_only=True)
            self.stdout.write(f"{start + size - organisations:,} / {missing:,} declaring-only organisations")
        statistics_rebuild(questionnaire=questionnaire)
        # Fresh planner statistics: without them PostgreSQL plans for the empty tables it saw
        # before the load (a join over 500,000 organisations took 80 ms instead of 0.1 ms).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        total = organisations + max(0, missing)
        self.stdout.write(self.style.SUCCESS(f"seeded {total:,} organisations in {seconds:.1f} s"))

    def _batch(self, rng, questionnaire, prefix, start, size, declaring_only=False):
        # The draws happen in this order; changing it changes what a seed produces.
        orgs, users = portal_demo.organisations_seed(rng=rng, prefix=prefix, start=start, size=size)
        if declaring_only:
            declaration_demo.declarations_seed(organisations=orgs, rng=rng)
            return
        diagnosed = [org for org in orgs if rng.random() < 0.6]
        diagnosis_demo.results_seed(questionnaire=questionnaire, organisations=diagnosed, rng=rng)
        declaration_demo.declarations_seed(organisations=[org for org in orgs if rng.random() < 0.3], rng=rng)
        learning_demo.progress_seed(users=[user for user in users if rng.random() < 0.2], rng=rng)
        presenter_demo.presenters_seed(users=[user for user in users if rng.random() < 0.005], rng=rng)
