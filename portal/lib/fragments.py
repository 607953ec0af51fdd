"""Generations for cached page fragments: cache a public list's HTML for long, and start
afresh the moment its data changes.

A template keys its `{% cache %}` block on `generation("registry")`; a receiver calls
`invalidate("registry")` when a declaration changes, after the commit, so that no request
can cache the old rows under the new generation. With Redis every app server sees the
same generation.
"""

from django.core.cache import cache
from django.db import transaction


def _key(name: str) -> str:
    return f"generation:{name}"


def generation(name: str) -> int:
    return cache.get_or_set(_key(name), 1, timeout=None)


def generations(names: tuple[str, ...]) -> tuple[int, ...]:
    """The current generation of each name, read in one round trip."""
    if not names:
        return ()
    found = cache.get_many([_key(name) for name in names])
    return tuple(found.get(_key(name)) or generation(name) for name in names)


def invalidate(name: str) -> None:
    def bump():
        try:
            cache.incr(_key(name))
        except ValueError:  # not set (evicted or never read): any new value starts afresh
            cache.set(_key(name), generation(name) + 1, timeout=None)

    transaction.on_commit(bump)
