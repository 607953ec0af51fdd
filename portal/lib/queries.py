"""Small query helpers shared by the services."""

from collections.abc import Sequence
from functools import cache
from typing import TypeVar

from django.db import connections, router, transaction
from django.db.models import Field, Model, QuerySet
from django.db.models.signals import post_save, pre_save

M = TypeVar("M", bound=Model)


def unique_or_none(queryset: QuerySet) -> Model | None:
    """The one row a query on a unique key finds, or None. `.first()` would add ORDER BY pk,
    and compiling that was a fifth of an API look-up: the hot look-ups by ID use this."""
    return next(iter(queryset[:1]), None)


def insert(instance: M, *, within: str = "", params: Sequence = ()) -> M | None:
    """Write a new row as `instance.save()` would, with the statement built once per model.

    `save()` builds its INSERT anew for every row (a query, its compiler, the columns, the
    placeholders, the RETURNING clause): about 4 % of the instructions of the two forms people
    submit most, a diagnosis result and a quiz attempt (README "Load"). This sends the same
    signals, fills the same defaults and `auto_now` fields and checks related objects as
    `save()` does, and leaves the instance saved. It takes plain rows of one table only: no
    parents, no database defaults or generated columns, no `F()`, an id the database gives.

    With `within`, the row is written by a larger statement, so that one round trip (and, in
    autocommit, one transaction) does more than write it: `within` holds `{insert}` where the
    row's `INSERT INTO … SELECT …` goes, without a RETURNING clause, and `params` are its own
    parameters in the order they appear in it, around the row's. It must return the new row's
    id, or no row when it wrote none (a condition added to the SELECT did not hold): then
    post_save is not sent and this returns None."""
    model = type(instance)
    meta = model._meta
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    fields, statement, selected = _insert_statement(model, using)
    before = 0
    if within:
        statement = within.format(insert=selected)
        before = within[: within.index("{insert}")].count("%s")
    if meta.auto_field is not None and instance.pk is not None:
        raise TypeError(f"insert() writes a new {meta.label}; the database numbers it")
    instance._prepare_related_fields_for_save(operation_name="insert")
    with transaction.mark_for_rollback_on_error(using):
        pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
        values = [field.pre_save(instance, True) for field in fields]
        if any(hasattr(value, "resolve_expression") for value in values):
            raise TypeError(f"insert() writes plain values; save() a {meta.label} with expressions")
        values = [
            field.get_db_prep_save(value, connection) for field, value in zip(fields, values, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params[:before], *values, *params[before:]])
            if meta.auto_field is not None or within:
                written = cursor.fetchone()
                if written is None:
                    return None
                if meta.auto_field is not None:
                    instance.pk = written[0]
        instance._state.adding = False
        instance._state.db = using
        post_save.send(
            sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using
        )
    return instance


def writes_in_with(using: str = "default") -> bool:
    """Whether the database writes inside WITH, as the statements given to `insert(within=…)`
    do: PostgreSQL does, SQLite does not."""
    return connections[using].vendor == "postgresql"


@cache
def _insert_statement(model: type[Model], using: str) -> tuple[list[Field], str, str]:
    """The columns `insert` writes and its statement, for one model on one database; and the
    same INSERT with its values as a SELECT and no RETURNING, for a statement `within`."""
    meta = model._meta
    connection = connections[using]
    if (
        meta.parents
        or meta.order_with_respect_to
        or any(field.generated or field.has_db_default() for field in meta.local_concrete_fields)
    ):
        raise TypeError(f"insert() writes plain rows of one table; save() a {meta.label}")
    if meta.auto_field is not None and not connection.features.can_return_columns_from_insert:
        raise TypeError(f"insert() reads the new id with RETURNING, which {connection.vendor} lacks")
    fields = [field for field in meta.local_concrete_fields if field is not meta.auto_field]
    quote = connection.ops.quote_name
    table, columns = quote(meta.db_table), ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Names from the model's definition, quoted; the values go as parameters.
    into = f"INSERT INTO {table} ({columns})"  # noqa: S608
    statement = f"{into} VALUES ({placeholders})"
    if meta.auto_field is not None:
        statement += " RETURNING " + quote(meta.auto_field.column)
    return fields, statement, f"{into} SELECT {placeholders}"
