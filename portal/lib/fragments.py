"""Generations for cached pages and fragments: cache a page's HTML for long, and start afresh
the moment its data changes.

A template keys its `{% cache %}` block on `generation("registry")`; a receiver calls
`invalidate("registry")` when a declaration changes, which moves it after the commit, so that
no request can keep the old rows under the new generation, and before that only if the
writer's own transaction reads it again. With Redis every app server sees the same generation
(the content's within a second: KEPT_IN_PROCESS).

A generation is a token that never repeats (the clock in nanoseconds and a random tail), not a
counter: when the shared cache loses it (a restart, an eviction, its expiry) the next reader
mints a new one, so no page kept under an old token is ever served again, and tokens of
things that come and go (one per person) can expire instead of piling up.

People's own pages (portal.lib.kept_pages) are kept under their own generation,
`person:<id>`, and that of each organisation they belong to, `organisation:<id>`
(`person_generation_names`). Their own rows move the first (`retire_people`); an
organisation's rows move the second (`retire_organisations`), which retires every member's
pages with one key, without reading who the members are; a teammate's learning, which team
views show, moves both (`teams_names`). A row's change moves all its names at once (`retire`).

A person's account as every request reads it (their user row, and the organisations they belong
to with their role in each: portal.lib.accounts; its organisations key their own pages), and
the list of a teammate's organisations that their learning retires (`organisations_of`), are
kept in the shared cache too, under a generation of its own, `account:<id>`, of the moment they
were read, and read again once that has moved: a change of their user row, of their memberships
or of one of their organisations' rows moves it (`accounts_names`); their other rows do not, so
that a learner's quiz, which moves their pages, does not make the next request read their
account.
"""

import secrets
import time
from collections.abc import Iterable
from functools import partial

from django.core.cache import cache
from django.db import transaction

from portal.lib import memo

# A generation nobody reads for this long is forgotten; the next reader mints a new one.
GENERATION_SECONDS = 7 * 24 * 3600


def generation_key(name: str) -> str:
    """The shared cache key that holds this generation."""
    return f"generation:{name}"


def _token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(2)}"


def generation(name: str) -> str:
    return generations((name,))[0]


def generations(names: tuple[str, ...]) -> tuple[str, ...]:
    """The current generation of each name, read in one round trip (two when one is new); a
    name in KEPT_IN_PROCESS from this process's memory while it is fresh."""
    shared = tuple(name for name in names if name not in KEPT_IN_PROCESS)
    found = dict(zip(shared, _shared_generations(shared), strict=True))
    for name in names:
        if name in KEPT_IN_PROCESS:
            found[name] = memo.remember(
                _kept_key(name), partial(_shared_generation, name), KEPT_IN_PROCESS[name]
            )
    return tuple(found[name] for name in names)


# Generations that nearly every request reads and only an editor moves (loading content, or an
# edit in the admin): each process keeps what it read for this many seconds, so that a form does
# not ask the shared cache for the content's generation on every request (one round trip in
# four of a diagnosis submission's or a quiz's). The process that moves one reads it afresh at
# once; the other app servers within these seconds. What they keep under it stays consistent:
# the texts they read (portal.lib.memo) and the pages they keep are keyed on the generation
# they hold, so no page of the old texts is ever kept under the new one.
KEPT_IN_PROCESS = {"content": 1.0}


def _kept_key(name: str) -> str:
    return f"fragments:{generation_key(name)}"


def _shared_generation(name: str) -> str:
    return _shared_generations((name,))[0]


def _shared_generations(names: tuple[str, ...]) -> tuple[str, ...]:
    if not names:
        return ()
    keys = [generation_key(name) for name in names]
    found = read(names)
    missing = [key for key in keys if key not in found]
    if missing:
        for key in missing:
            cache.add(key, _token(), GENERATION_SECONDS)
        found.update(cache.get_many(missing))
    return tuple(found[key] for key in keys)


def person_generation_name(user_id: int) -> str:
    return f"person:{user_id}"


def organisation_generation_name(organisation_id: int) -> str:
    return f"organisation:{organisation_id}"


def account_generation_name(user_id: int) -> str:
    return f"account:{user_id}"


def _organisations_key(user_id: int) -> str:
    return f"organisations-of:{user_id}"


def organisations_of(user_ids: Iterable[int]) -> dict[int, list[int]]:
    """The organisations each of these people belongs to (a teammate's, whose learning retires
    their teams' pages), from the shared cache when kept there under their current account
    generation; else read and kept under the generation read just before. Any change of
    someone's account moves that generation, so a list read from rows that were about to
    change (a reader in the middle of someone's joining) is never used again."""
    from portal.models import Membership  # the models import this module's neighbours

    ids = set(user_ids)
    generation_keys = {pk: generation_key(account_generation_name(pk)) for pk in ids}
    found = read(tuple(map(account_generation_name, ids)), [*map(_organisations_key, ids)])
    known = {}
    for pk in ids:
        kept = found.get(_organisations_key(pk))
        if kept is not None and kept[0] == found.get(generation_keys[pk]):
            known[pk] = kept[1]
    stale = sorted(ids - set(known))
    if not stale:
        return known
    current = dict(zip(stale, generations(tuple(map(account_generation_name, stale))), strict=True))
    read_now = {pk: [] for pk in stale}
    rows = Membership.objects.filter(user_id__in=stale).order_by("organisation_id")
    for user_id, organisation_id in rows.values_list("user_id", "organisation_id"):
        read_now[user_id].append(organisation_id)
    cache.set_many(
        {_organisations_key(pk): (current[pk], organisations) for pk, organisations in read_now.items()},
        GENERATION_SECONDS,
    )
    return known | read_now


def person_generation_names(user_id: int, *, organisations: Iterable[int] | None = None) -> tuple[str, ...]:
    """The generations a person's own pages are kept under: theirs, and each organisation's
    (`organisations`: those of the account their request holds, else `organisations_of`)."""
    if organisations is None:
        organisations = organisations_of([user_id])[user_id]
    return (person_generation_name(user_id), *map(organisation_generation_name, sorted(organisations)))


def _bump(names: Iterable[str]) -> None:
    cache.set_many({generation_key(name): _token() for name in names}, GENERATION_SECONDS)
    _forget_kept(names)


def _forget_kept(names: Iterable[str]) -> None:
    for name in names:
        if name in KEPT_IN_PROCESS:
            memo.forget(_kept_key(name))


def invalidate(*names: str) -> None:
    """Move these generations once the writer's transaction commits, so that a page another
    request rendered from the old rows while it was open is not served; outside a transaction,
    at once.

    Should the writer's own transaction read one of them before it commits (`read`), they are
    moved then as well, so that it reads its change. A form that writes and redirects reads
    none: moving them up front as well, as this did until issue 18's eighth round, cost every
    write a round trip to the shared cache that nothing read."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump(names)
        return
    _forget_kept(names)  # so that this process's next read of one goes through `read`
    _unmoved(connection).update(names)
    transaction.on_commit(lambda: _bump(names))


def _unmoved(connection) -> set[str]:
    """The names this connection's transaction has retired and not yet moved. Left behind by a
    rollback, they are at worst moved once more than needed."""
    try:
        return connection.unmoved_generations
    except AttributeError:
        connection.unmoved_generations = set()
        return connection.unmoved_generations


def read(names: tuple[str, ...], keys: Iterable[str] = ()) -> dict:
    """What the shared cache holds of these generations and of `keys`, in one round trip; the
    only way generations are read. A name the open transaction has retired is moved first
    (with any others it retired: one more round trip), so that the writer reads its change."""
    connection = transaction.get_connection()
    unmoved = _unmoved(connection)
    if unmoved and not connection.in_atomic_block:
        unmoved.clear()  # rolled back
    elif unmoved and not unmoved.isdisjoint(names):
        _bump(tuple(unmoved))
        unmoved.clear()
    return cache.get_many([*map(generation_key, names), *keys])


def people_names(user_ids: Iterable[int | None]) -> set[str]:
    """The generations of these people's own pages."""
    return {person_generation_name(pk) for pk in user_ids if pk is not None}


def accounts_names(user_ids: Iterable[int | None]) -> set[str]:
    """The generations of these people's accounts (portal.lib.accounts) and lists of
    organisations (`organisations_of`)."""
    return {account_generation_name(pk) for pk in user_ids if pk is not None}


def organisations_names(organisation_ids: Iterable[int | None]) -> set[str]:
    """One generation per organisation, however many members it has: nothing is read."""
    return {organisation_generation_name(pk) for pk in organisation_ids if pk is not None}


def teams_names(user_ids: Iterable[int | None], *, organisations: Iterable[int] | None = None) -> set[str]:
    """These people's generations, and those of every organisation they belong to (whose
    team views show their learning): `organisations` when the caller holds them (one person's,
    from the account their request holds), else `organisations_of`."""
    ids = {pk for pk in user_ids if pk is not None}
    if not ids:
        return set()
    if organisations is None:
        organisations = {pk for theirs in organisations_of(ids).values() for pk in theirs}
    return people_names(ids) | organisations_names(organisations)


def retire(names: Iterable[str]) -> None:
    """Move these generations together: one round trip after the commit (and one before it,
    should the writer read one of them again)."""
    names = sorted(set(names))
    if names:
        invalidate(*names)


def retire_people(user_ids: Iterable[int | None]) -> None:
    """The pages kept for these people start afresh."""
    retire(people_names(user_ids))


def retire_organisations(organisation_ids: Iterable[int | None]) -> None:
    """Every member of these organisations sees their pages afresh: what an organisation shows
    (its results, declaration, policy, members, team learning) appears on every member's pages."""
    retire(organisations_names(organisation_ids))
