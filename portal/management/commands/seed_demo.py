"""Fill a database with realistic synthetic data for demos and load tests.

    python manage.py seed_demo --organisations 100000 --seed 1

Organisations follow rough real-world shares of prefectures, industries and sizes; about
60% have a self-diagnosis result, 30% an active declaration (a quarter of them ★★), 0.5%
a security presenter, and some members have learning progress. Rows are bulk-inserted in
batches; the peer aggregates are then rebuilt from the stored results, which gives the
same numbers as saving them one by one (tests check this against a brute-force recount).
"""

import random
from datetime import date, timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from declaration.ids import format_declaration_id
from declaration.models import Declaration, IdCounter, Review, Status
from diagnosis.bulk import synthetic_results
from diagnosis.models import Assessment
from diagnosis.selectors import current_questionnaire
from diagnosis.services import statistics_rebuild
from learning.models import Progress, Theme
from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand
from portal.models import Membership, Organisation, Role, User
from presenters.models import Area, Kind, Presenter
from presenters.models import Status as PresenterStatus

# Heavier where more SMEs are: Tokyo, Osaka, Aichi, Kanagawa, Saitama, Hokkaido, Fukuoka…
PREFECTURE_WEIGHTS = {
    "13": 12,
    "27": 8,
    "23": 6,
    "14": 5,
    "11": 4,
    "01": 4,
    "40": 4,
    "28": 4,
    "12": 3,
    "22": 3,
}
INDUSTRY_WEIGHTS = {
    "I": 20,
    "D": 12,
    "E": 12,
    "M": 12,
    "N": 9,
    "R": 8,
    "P": 7,
    "K": 6,
    "L": 5,
    "H": 3,
    "G": 3,
}
SIZE_WEIGHTS = {"1-5": 45, "6-20": 30, "21-50": 13, "51-100": 6, "101-300": 4, "301+": 2}
NAME_PARTS = [
    "さくら",
    "ひかり",
    "東海",
    "北斗",
    "みどり",
    "大和",
    "青葉",
    "中央",
    "富士",
    "朝日",
    "協和",
    "三和",
]
NAME_BODIES = [
    "精機",
    "工業",
    "商事",
    "建設",
    "運輸",
    "電機",
    "食品",
    "印刷",
    "システム",
    "設計",
    "薬局",
    "物産",
]


def weighted(rng, weights: dict, values: list):
    population = list(values)
    return rng.choices(population, [weights.get(v, 1) for v in population])[0]


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
        themes = list(Theme.objects.all())
        started = timezone.now()
        prefix = f"seed{seed}-{User.objects.count()}"  # a second run adds people, never clashes
        for start in range(0, organisations, batch):
            size = min(batch, organisations - start)
            with transaction.atomic():
                self._batch(rng, questionnaire, themes, prefix, start, size)
            self.stdout.write(f"{start + size:,} / {organisations:,} organisations")
        missing = declarations - Declaration.objects.filter(status=Status.ACTIVE).count()
        for start in range(organisations, organisations + max(0, missing), batch):
            size = min(batch, organisations + missing - start)
            with transaction.atomic():
                self._batch(rng, questionnaire, themes, prefix, start, size, declaring_only=True)
            self.stdout.write(f"{start + size - organisations:,} / {missing:,} declaring-only organisations")
        statistics_rebuild(questionnaire=questionnaire)
        # Fresh planner statistics: without them PostgreSQL plans for the empty tables it saw
        # before the load (a join over 500,000 organisations took 80 ms instead of 0.1 ms).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        seconds = (timezone.now() - started).total_seconds()
        total = organisations + max(0, missing)
        self.stdout.write(self.style.SUCCESS(f"seeded {total:,} organisations in {seconds:.1f} s"))

    def _batch(self, rng, questionnaire, themes, prefix, start, size, declaring_only=False):
        orgs = Organisation.objects.bulk_create(
            Organisation(
                name=f"{rng.choice(['株式会社', '有限会社', ''])}{rng.choice(NAME_PARTS)}{rng.choice(NAME_BODIES)}{start + n}",
                prefecture=weighted(rng, PREFECTURE_WEIGHTS, Prefecture.values),
                industry=weighted(rng, INDUSTRY_WEIGHTS, Industry.values),
                size_band=weighted(rng, SIZE_WEIGHTS, SizeBand.values),
            )
            for n in range(size)
        )
        users = User.objects.bulk_create(
            User(email=f"{prefix}-{start + n}@demo.example.jp", full_name=f"デモ 利用者{start + n}")
            for n in range(size)
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=org, role=Role.ADMIN)
            for user, org in zip(users, orgs, strict=True)
        )
        if declaring_only:
            self._declare(rng, orgs)
            return
        diagnosed = [org for org in orgs if rng.random() < 0.6]
        Assessment.objects.bulk_create(
            synthetic_results(questionnaire=questionnaire, organisations=diagnosed, rng=rng)
        )
        self._declare(rng, [org for org in orgs if rng.random() < 0.3])
        self._learn_and_present(rng, themes, users)

    def _declare(self, rng, declaring):
        counter, _created = IdCounter.objects.select_for_update().get_or_create(pk=1)
        first = counter.last_serial + 1
        counter.last_serial += len(declaring)
        counter.save(update_fields=["last_serial"])
        Declaration.objects.bulk_create(
            Declaration(
                organisation=org,
                declaration_id=format_declaration_id(first + n),
                stars=2 if rng.random() < 0.25 else 1,
                status=Status.ACTIVE,
                review=Review.DONE,
                declared_on=date(2017, 4, 1) + timedelta(days=rng.randint(0, 3500)),
                contact_name="担当者",
                contact_email=f"contact{org.pk}@demo.example.jp",
                contact_phone="0312345678",
                purpose=rng.choice(["subsidy", "subsidy", "customer", "improvement", "other"]),
                policy_url="https://example.jp/policy",
                organisation_name=org.name,
                organisation_name_kana="",
                prefecture=org.prefecture,
                industry=org.industry,
            )
            for n, org in enumerate(declaring)
        )

    def _learn_and_present(self, rng, themes, users):
        learners = [user for user in users if rng.random() < 0.2]
        Progress.objects.bulk_create(
            Progress(
                user=user,
                theme=theme,
                attempts=rng.randint(1, 3),
                best_correct=3,
                total=3,
                passed_at=timezone.now() - timedelta(days=rng.randint(0, 700)),
            )
            for user in learners
            for theme in rng.sample(themes, k=min(len(themes), rng.randint(1, 5)))
        )
        presenting = [user for user in users if rng.random() < 0.005]
        presenters = Presenter.objects.bulk_create(
            Presenter(
                user=user,
                kind=Kind.PUBLIC,
                status=PresenterStatus.APPROVED,
                name=user.full_name,
                name_kana="でも",
                nationwide=rng.random() < 0.1,
                expertise=",basics,",
                contact_email=user.email,
                postal_address="非公開",
                charter_agreed_at=timezone.now(),
            )
            for user in presenting
        )
        Area.objects.bulk_create(
            Area(presenter=presenter, prefecture=weighted(rng, PREFECTURE_WEIGHTS, Prefecture.values))
            for presenter in presenters
        )
