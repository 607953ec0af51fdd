"""Synthetic active declarations, for demos and load tests (the console's `seed_demo`)."""

import random
from datetime import date, timedelta

from django.db import transaction

from declaration.ids import format_declaration_id
from declaration.models import Declaration, IdCounter, Review, Status


@transaction.atomic
def declarations_seed(*, organisations: list, rng: random.Random) -> int:
    """One active, reviewed declaration per organisation (a quarter of them ★★), with IDs
    issued from the same counter as real ones. Returns how many."""
    counter, _created = IdCounter.objects.select_for_update().get_or_create(pk=1)
    first = counter.last_serial + 1
    counter.last_serial += len(organisations)
    counter.save(update_fields=["last_serial"])
    created = Declaration.objects.bulk_create(
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
        for n, org in enumerate(organisations)
    )
    return len(created)
