"""`portal.lib.queries.insert`: the row, the instance and the signals are those `save()` gives."""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save, pre_save
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from diagnosis.models import Assessment, Status
from learning.models import Attempt
from portal.lib.queries import insert
from tests.factories import OrganisationFactory, UserFactory

# Columns that differ between two rows written a moment apart, whoever writes them.
OWN = {"id", "uuid", "created_at", "updated_at"}


def _result(questionnaire, organisation, user):
    return Assessment(
        questionnaire=questionnaire,
        organisation=organisation,
        created_by=user,
        status=Status.COMPLETED,
        answers={"1": "yes", "2": "no"},
        total_score=42,
        part_scores={"1": 30, "2": 12},
        completed_at=timezone.now().replace(microsecond=0),
        stats_industry="E",
        stats_size_band="6-20",
    )


def _attempt(theme, user):
    return Attempt(user=user, theme=theme, answers={"7": 28, "9": 35}, correct=4, total=5, passed=True)


@pytest.fixture
def build(questionnaire, theme1):
    organisation, user = OrganisationFactory(), UserFactory()
    return {
        "result": lambda: _result(questionnaire, organisation, user),
        "anonymous result": lambda: _result(questionnaire, None, None),
        "attempt": lambda: _attempt(theme1, user),
    }


@pytest.mark.parametrize("kind", ["result", "anonymous result", "attempt"])
def test_the_row_and_the_instance_are_those_save_gives(build, kind):
    saved, inserted = build[kind](), build[kind]()
    saved.save()
    assert insert(inserted) is inserted

    model = type(saved)
    rows = {row["id"]: row for row in model.objects.filter(pk__in=[saved.pk, inserted.pk]).values()}
    assert inserted.pk > saved.pk
    assert {k: v for k, v in rows[inserted.pk].items() if k not in OWN} == {
        k: v for k, v in rows[saved.pk].items() if k not in OWN
    }
    assert not inserted._state.adding
    assert inserted._state.db == "default"
    assert inserted.created_at == rows[inserted.pk]["created_at"]  # auto_now_add, filled on the instance
    if kind != "attempt":
        assert inserted.updated_at == rows[inserted.pk]["updated_at"]
        assert rows[inserted.pk]["uuid"] == inserted.uuid != saved.uuid  # the default, drawn anew


def test_it_sends_the_signals_save_sends(build):
    sent = []

    def record(signal):
        def receiver(sender, instance, **kwargs):
            kwargs.pop("signal")
            sent.append((signal, sender, instance.pk, kwargs))

        return receiver

    on_pre, on_post = record("pre_save"), record("post_save")
    pre_save.connect(on_pre, sender=Attempt)
    post_save.connect(on_post, sender=Attempt)
    try:
        saved = build["attempt"]()
        saved.save()
        by_save, sent[:] = list(sent), []
        inserted = insert(build["attempt"]())
    finally:
        pre_save.disconnect(on_pre, sender=Attempt)
        post_save.disconnect(on_post, sender=Attempt)

    assert by_save == [
        ("pre_save", Attempt, None, {"raw": False, "using": "default", "update_fields": None}),
        (
            "post_save",
            Attempt,
            saved.pk,
            {"created": True, "update_fields": None, "raw": False, "using": "default"},
        ),
    ]
    assert sent == [
        (signal, model, inserted.pk if signal == "post_save" else None, kwargs)
        for signal, model, _pk, kwargs in by_save
    ]


def test_it_writes_one_statement(build):
    attempt = build["attempt"]()
    with CaptureQueriesContext(connection) as queries:
        insert(attempt)
    assert [query["sql"].split()[:3] for query in queries] == [["INSERT", "INTO", '"learning_attempt"']]


def test_an_unsaved_related_object_is_refused_as_save_refuses(theme1):
    learner = UserFactory.build()
    with pytest.raises(ValueError, match="unsaved related object 'user'"):
        insert(_attempt(theme1, learner))
    assert not Attempt.objects.exists()


def test_what_it_cannot_write_is_refused_before_anything_is_written(build):
    again = build["attempt"]()
    insert(again)
    with pytest.raises(TypeError, match="new learning.Attempt"):
        insert(again)  # it has its id: save() would update it

    computed = build["attempt"]()
    computed.correct = F("total")
    with pytest.raises(TypeError, match="plain values"), transaction.atomic():
        insert(computed)  # as with save(), a failed write spoils its transaction, here a savepoint
    assert Attempt.objects.count() == 1


def test_within_a_larger_statement_it_writes_only_what_that_statement_writes(build):
    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance)

    post_save.connect(record, sender=Attempt)
    try:
        written = insert(build["attempt"](), within="{insert} WHERE %s RETURNING id", params=[True])
        refused = build["attempt"]()
        assert insert(refused, within="{insert} WHERE %s RETURNING id", params=[False]) is None
    finally:
        post_save.disconnect(record, sender=Attempt)

    assert list(Attempt.objects.values_list("pk", flat=True)) == [written.pk]
    assert not written._state.adding and written.answers == {"7": 28, "9": 35}
    assert refused.pk is None and refused._state.adding  # as it was: nothing was written
    assert saved == [written]  # post_save for the row written only


def test_the_statements_own_parameters_go_where_they_stand_around_the_rows(build):
    within = "WITH asked(wanted) AS (SELECT %s) {insert} WHERE %s = (SELECT wanted FROM asked) RETURNING id"
    assert insert(build["attempt"](), within=within, params=[7, 7]) is not None
    assert insert(build["attempt"](), within=within, params=[7, 8]) is None
    assert Attempt.objects.count() == 1
