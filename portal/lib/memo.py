"""A small in-process cache with expiry, for reference data every request needs.

The shared cache (Redis) costs a round trip and an unpickle on every read: about 2 ms for
the questionnaire's texts, one eighth of a questionnaire page. Reference data that changes
only when an editor saves it can live in each worker's memory for a few minutes instead.
"""

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_entries: dict[str, tuple[float, object]] = {}


def remember(key: str, load: Callable[[], T], seconds: float) -> T:
    """`load()`'s value, kept in this process for `seconds`."""
    now = time.monotonic()
    entry = _entries.get(key)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = load()
    _entries[key] = (now + seconds, value)
    return value


def forget(key: str) -> None:
    _entries.pop(key, None)


def forget_all() -> None:
    _entries.clear()
