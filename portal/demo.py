"""Synthetic organisations and their admins, for demos and load tests (the console's
`seed_demo` command; each service has its own demo writer in `<service>/demo.py`).

Organisations follow rough real-world shares of prefectures, industries and sizes. Every
writer draws from the caller's `random.Random`, in a fixed order, so one seed gives the
same data; rows are bulk-inserted, one INSERT per table and batch.
"""

import random

from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand
from portal.models import Membership, Organisation, Role, User

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


def weighted(rng: random.Random, weights: dict, values: list):
    """One of `values`, each as likely as its weight (1 when not listed)."""
    population = list(values)
    return rng.choices(population, [weights.get(v, 1) for v in population])[0]


def demo_prefix(seed: int) -> str:
    """What the demo accounts' addresses start with: a second run adds people, never clashes."""
    return f"seed{seed}-{User.objects.count()}"


def organisations_seed(
    *, rng: random.Random, prefix: str, start: int, size: int
) -> tuple[list[Organisation], list[User]]:
    """`size` organisations numbered from `start`, each with one admin account; returns both,
    in the same order."""
    organisations = Organisation.objects.bulk_create(
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
        Membership(user=user, organisation=organisation, role=Role.ADMIN)
        for user, organisation in zip(users, organisations, strict=True)
    )
    return organisations, users
