"""The synthetic-data generator: realistic shares, valid IDs, and aggregates equal to a recount."""

from django.core.management import call_command

from declaration.ids import is_valid_declaration_id
from declaration.models import Declaration, IdCounter
from diagnosis.models import Assessment
from portal.models import Membership, Organisation
from tests.diagnosis.brute_force import assert_aggregates_match


def test_seed_demo_fills_every_service_consistently(questionnaire, themes):
    call_command("seed_demo", organisations=300, seed=3, batch=120)
    assert Organisation.objects.count() == 300
    assert Membership.objects.count() == 300
    results = Assessment.objects.count()
    declarations = Declaration.objects.count()
    assert 120 <= results <= 240  # about 60%
    assert 50 <= declarations <= 130  # about 30%
    ids = list(Declaration.objects.values_list("declaration_id", flat=True))
    assert len(set(ids)) == len(ids)
    assert all(is_valid_declaration_id(i) for i in ids)
    assert IdCounter.objects.get().last_serial == declarations
    assert (
        Organisation.objects.filter(prefecture="13").count()
        > Organisation.objects.filter(prefecture="31").count()
    )
    assert_aggregates_match(questionnaire)


def test_seed_demo_is_deterministic(questionnaire, themes):
    call_command("seed_demo", organisations=40, seed=9)
    first = list(
        Organisation.objects.order_by("pk").values_list("name", "prefecture", "industry", "size_band")
    )
    scores = list(Assessment.objects.order_by("pk").values_list("total_score", flat=True))
    Organisation.objects.all().delete()
    call_command("seed_demo", organisations=40, seed=9)
    second = list(
        Organisation.objects.order_by("pk").values_list("name", "prefecture", "industry", "size_band")
    )
    assert first == second
    assert scores == list(Assessment.objects.order_by("pk").values_list("total_score", flat=True))


def test_seed_demo_tops_up_the_registry_with_declaring_only_organisations(questionnaire, themes):
    call_command("seed_demo", organisations=50, declarations=200, seed=4, batch=64)
    full = Organisation.objects.order_by("pk")[:50]
    declared_by_full = Declaration.objects.filter(organisation__in=full).count()
    assert Declaration.objects.filter(status="active").count() == 200
    # One organisation per extra declaration, and they have nothing else: no results.
    assert Organisation.objects.count() == 50 + (200 - declared_by_full)
    assert Assessment.objects.exclude(organisation__in=full).count() == 0
    ids = list(Declaration.objects.values_list("declaration_id", flat=True))
    assert len(set(ids)) == len(ids) == IdCounter.objects.get().last_serial
    assert_aggregates_match(questionnaire)
