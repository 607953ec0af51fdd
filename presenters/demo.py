"""Synthetic security presenters, for demos and load tests (the console's `seed_demo`)."""

import random

from django.utils import timezone

from portal.demo import PREFECTURE_WEIGHTS, weighted
from portal.lib.prefectures import Prefecture
from presenters.models import Area, Kind, Presenter, Status


def presenters_seed(*, users: list, rng: random.Random) -> int:
    """An approved public presenter profile for each user, active in one prefecture (a tenth
    of them nationwide). Returns how many."""
    presenters = Presenter.objects.bulk_create(
        Presenter(
            user=user,
            kind=Kind.PUBLIC,
            status=Status.APPROVED,
            name=user.full_name,
            name_kana="でも",
            nationwide=rng.random() < 0.1,
            expertise=",basics,",
            contact_email=user.email,
            postal_address="非公開",
            charter_agreed_at=timezone.now(),
        )
        for user in users
    )
    Area.objects.bulk_create(
        Area(presenter=presenter, prefecture=weighted(rng, PREFECTURE_WEIGHTS, Prefecture.values))
        for presenter in presenters
    )
    return len(presenters)
