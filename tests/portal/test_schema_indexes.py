"""The tables every form writes to keep no index another index already serves: each result and
each quiz attempt writes every index of its table, so one that a composite index leads with
costs a write and serves no read. The constraints' own indexes stay (migration 0010 of
diagnosis and 0013 of learning drop the redundant ones by name, because Django's AlterField
on PostgreSQL would drop those as well)."""

import pytest
from django.db import connection

BUSIEST_TABLES = ["diagnosis_assessment", "learning_attempt"]


def _indexes(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: found for name, found in constraints.items() if found["index"] or found["unique"]}


@pytest.mark.parametrize("table", BUSIEST_TABLES)
def test_no_index_is_the_first_columns_of_another(db, table):
    indexes = _indexes(table)
    redundant = [
        (name, other)
        for name, index in indexes.items()
        if not index["unique"]
        for other, wider in indexes.items()
        if len(wider["columns"]) > len(index["columns"])
        and wider["columns"][: len(index["columns"])] == index["columns"]
    ]
    assert redundant == []


def test_the_constraints_and_the_history_keep_their_indexes(db):
    assert {
        "assessment_history",
        "assessment_one_draft_per_organisation",
        "assessment_one_counted_per_organisation",
    } <= set(_indexes("diagnosis_assessment"))
    assert _indexes("diagnosis_assessment")["assessment_history"]["columns"] == [
        "organisation_id",
        "status",
        "completed_at",
    ]
    assert "attempt_by_learner" in _indexes("learning_attempt")
