"""Small query helpers shared by the services."""

from django.db.models import Model, QuerySet


def unique_or_none(queryset: QuerySet) -> Model | None:
    """The one row a query on a unique key finds, or None. `.first()` would add ORDER BY pk,
    and compiling that was a fifth of an API look-up: the hot look-ups by ID use this."""
    return next(iter(queryset[:1]), None)
