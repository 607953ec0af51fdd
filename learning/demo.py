"""Synthetic learning progress, for demos and load tests (the console's `seed_demo`)."""

import random
from datetime import timedelta

from django.utils import timezone

from learning.models import Progress, Theme


def progress_seed(*, users: list, rng: random.Random) -> int:
    """Each user passes one to five themes, at some time in the last two years. Returns how
    many progress rows were written."""
    themes = list(Theme.objects.all())
    created = Progress.objects.bulk_create(
        Progress(
            user=user,
            theme=theme,
            attempts=rng.randint(1, 3),
            best_correct=3,
            total=3,
            passed_at=timezone.now() - timedelta(days=rng.randint(0, 700)),
        )
        for user in users
        for theme in rng.sample(themes, k=min(len(themes), rng.randint(1, 5)))
    )
    return len(created)
