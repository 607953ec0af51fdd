"""Generations for cached pages and fragments: cache a page's HTML for long, and start afresh
the moment its data changes.

A template keys its `{% cache %}` block on `generation("registry")`; a receiver calls
`invalidate("registry")` when a declaration changes, which moves it at once and again after
the commit, so that no request can keep the old rows under the new generation. With Redis
every app server sees the same generation.

A generation is a token that never repeats (the clock in nanoseconds and a random tail), not a
counter: when the shared cache loses it (a restart, an eviction, its expiry) the next reader
mints a new one, so no page kept under an old token is ever served again, and tokens of
things that come and go (one per person) can expire instead of piling up.

People's own pages (portal.lib.kept_pages) are kept under a generation per person,
`person:<id>`, that moves when anything they see changes: their own rows
(`retire_people`), their organisation's rows, which retire every member's pages
(`retire_organisations`), or a teammate's learning, which their team views show (`retire_teams`).
"""

import secrets
import time
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction

# A generation nobody reads for this long is forgotten; the next reader mints a new one.
GENERATION_SECONDS = 7 * 24 * 3600


def _key(name: str) -> str:
    return f"generation:{name}"


def _token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(2)}"


def generation(name: str) -> str:
    return generations((name,))[0]


def generations(names: tuple[str, ...]) -> tuple[str, ...]:
    """The current generation of each name, read in one round trip (two when one is new)."""
    if not names:
        return ()
    keys = [_key(name) for name in names]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _token(), GENERATION_SECONDS)
        found.update(cache.get_many(missing))
    return tuple(found[key] for key in keys)


def person_generation_name(user_id: int) -> str:
    return f"person:{user_id}"


def _bump(names: Iterable[str]) -> None:
    cache.set_many({_key(name): _token() for name in names}, GENERATION_SECONDS)


def invalidate(*names: str) -> None:
    """Move these generations now, so that the writer's own transaction reads its change, and
    again once it commits, so that a page another request rendered from the old rows while the
    transaction was open is not served either."""
    _bump(names)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(names))


def retire_people(user_ids: Iterable[int | None]) -> None:
    """The pages kept for these people start afresh."""
    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        invalidate(*(person_generation_name(pk) for pk in ids))


def retire_organisations(organisation_ids: Iterable[int | None]) -> None:
    """Every member of these organisations sees their pages afresh: what an organisation shows
    (its results, declaration, policy, members, team learning) appears on every member's pages.
    The members are read in the writer's transaction, so one who joined in it is included."""
    from portal.models import Membership  # the models import this module's neighbours

    ids = {pk for pk in organisation_ids if pk is not None}
    if ids:
        members = Membership.objects.filter(organisation_id__in=ids).values_list("user_id", flat=True)
        retire_people(members)


def retire_teams(user_ids: Iterable[int | None]) -> None:
    """These people's pages, and those of everyone who shares an organisation with them (whose
    team views show their learning), start afresh."""
    from portal.models import Membership

    ids = {pk for pk in user_ids if pk is not None}
    if ids:
        teammates = Membership.objects.filter(organisation__memberships__user_id__in=ids).values_list(
            "user_id", flat=True
        )
        retire_people(ids | set(teammates))
