"""Synthetic self-diagnosis results, for demos and load tests (the console's `seed_demo`).

Bulk-inserted without touching the peer aggregates: call services.statistics_rebuild once
at the end, which gives the same numbers as saving the results one by one.
"""

import random

from diagnosis.bulk import synthetic_results
from diagnosis.models import Assessment, Questionnaire


def results_seed(*, questionnaire: Questionnaire, organisations: list, rng: random.Random) -> int:
    """One plausible completed result per organisation (see bulk.synthetic_results)."""
    created = Assessment.objects.bulk_create(
        synthetic_results(questionnaire=questionnaire, organisations=organisations, rng=rng)
    )
    return len(created)
