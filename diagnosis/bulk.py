"""Bulk-loading synthetic organisations with results: for benchmarks and scale tests.

Rows are inserted in batches and the peer aggregates rebuilt once at the end
(services.statistics_rebuild), which gives the same numbers as saving one by one.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from diagnosis.models import Assessment, Questionnaire, Status
from diagnosis.scoring import score
from diagnosis.selectors import structure_for
from diagnosis.services import statistics_rebuild
from portal.lib.industries import Industry
from portal.lib.prefectures import Prefecture
from portal.lib.size_bands import SizeBand
from portal.models import Organisation

VALUES = ["yes", "partly", "no", "unknown"]


def synthetic_results(*, questionnaire: Questionnaire, organisations, rng: random.Random) -> list[Assessment]:
    """One plausible completed result per organisation: most SMEs do much, some little."""
    structure = structure_for(questionnaire)
    now = timezone.now()
    results = []
    for organisation in organisations:
        diligence = rng.betavariate(2.5, 1.5)
        weights = [diligence, 0.25, 1 - diligence, 0.08]
        answers = {str(n): rng.choices(VALUES, weights)[0] for n in structure.item_numbers}
        scores = score(answers, structure)
        results.append(
            Assessment(
                questionnaire=questionnaire,
                organisation=organisation,
                status=Status.COMPLETED,
                answers=answers,
                total_score=scores.total,
                part_scores={str(part): points for part, points in scores.parts.items()},
                completed_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 365)),
            )
        )
    return results


def bulk_load_results(
    *, questionnaire: Questionnaire, organisations: int, seed: int = 0, batch: int = 5000
) -> None:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    industries, sizes, prefectures = list(Industry.values), list(SizeBand.values), list(Prefecture.values)
    for start in range(0, organisations, batch):
        with transaction.atomic():
            created = Organisation.objects.bulk_create(
                Organisation(
                    name=f"合成データ組織{start + n:07d}",
                    prefecture=rng.choice(prefectures),
                    industry=rng.choice(industries),
                    size_band=rng.choice(sizes),
                )
                for n in range(min(batch, organisations - start))
            )
            Assessment.objects.bulk_create(
                synthetic_results(questionnaire=questionnaire, organisations=created, rng=rng)
            )
    statistics_rebuild(questionnaire=questionnaire)
