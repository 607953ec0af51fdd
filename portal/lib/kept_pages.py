"""Whole pages kept ready: the public ones for anonymous visitors, and each person's own.

Most requests are anonymous visitors reading the same public pages (the home page, lessons,
the registry, the verification pages) that differ only by language and text size. A view
decorated with `@kept_page("registry")` is rendered once per path × language × text size
and served from memory afterwards, until one of the named generations
(`portal.lib.fragments`) moves: the receivers that retire cached searches retire these pages
at the same moment, on every app server, because the generations live in the shared cache.
These copies live in each process's memory (the `public_pages` cache); with Redis, processes
also hand them to each other (`SHARED_SLOTS` below), so that each page is rendered once, not
once per process. A copy lives no longer than its first, and the copies' keys name the
deployment's code (`settings.KEPT_PAGES_RELEASE`), so none outlives the templates that made it.

With `signed_in=True` the view's pages are also kept for each signed-in person, per path ×
language × text size × day, under their own generation (`person:<id>`) and that of each
organisation they belong to (`organisation:<id>`) besides the named ones. One of these moves
whenever anything they may see changes: a save or deletion of a row that a service declared
with `follow()` retires the pages of the people the row belongs to, and of every member of its
organisation (by moving the organisation's). These copies are in the `personal_pages` cache,
also in each process, and keyed by the person, so nobody is ever served another's page.

What a page carries per visitor is put back on each request: the CSRF token of its forms is
stored as a placeholder and replaced by this visitor's own token (`get_token`, which also sets
the cookie as a fresh render would). A page is rendered afresh, as before, for anyone with a
message waiting, a session holding more than who they are (an anonymous visitor's results,
quizzes passed before signing up), for staff (whose pages show the console's queues), and for
any request that changes the session or sets a cookie.
"""

import hashlib
import re
import time
import zlib
from collections.abc import Callable, Iterable
from functools import lru_cache, wraps
from pathlib import Path

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from portal.access import my_organisations
from portal.lib.fragments import (
    accounts_names,
    generations,
    organisations_names,
    people_names,
    person_generation_names,
    retire,
    teams_names,
)
from portal.lib.staff_sessions import SIGNED_IN_AT
from portal.preferences import text_size

# The one content the store changes: the value `{% csrf_token %}` rendered.
_TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_PLACEHOLDER = b"__csrf_token__"
# Past this, a page is rendered afresh even if nothing retired it: a safety net for data the
# generations do not follow (a clock-dependent sentence, say).
PAGE_SECONDS = 15 * 60
# With KEPT_PAGES_SHARED (Redis as the shared cache) a page one app server rendered is handed
# to the others through the shared cache, compressed, in a fixed number of slots: a hash of
# its key picks the slot, and a newer page takes it over. However many different searches
# arrive, the shared cache holds at most this many pages (about 10 kB each), so a flood of
# them can neither grow it nor push out a rate-limit counter.
SHARED_SLOTS = 4096
# What a signed-in session holds besides: who the person is, when and how they signed in
# (portal.lib.staff_sessions, allauth), how long the session lasts. Anything else (a result
# or a quiz pass waiting to be claimed, a message) is the session's own and is rendered.
_IDENTITY_KEYS = frozenset(
    {
        SESSION_KEY,
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        "_session_expiry",
        SIGNED_IN_AT,
        AUTHENTICATION_METHODS_SESSION_KEY,
        # Whose those methods are: allauth writes it beside them at every sign-in (its
        # `_AUTHENTICATION_METHODS_USER_SESSION_KEY`, not exported); a test signs in through the
        # form and fails if a new allauth adds another key.
        "account_authentication_methods_user",
    }
)


def _anonymous(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.is_empty()


def _signed_in_person(request: HttpRequest) -> int | None:
    """The signed-in person whose own kept pages may serve this request, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.is_staff:
        return None
    if not set(request.session.keys()) <= _IDENTITY_KEYS:
        return None
    return user.pk


def _key(request: HttpRequest, names: tuple[str, ...]) -> str:
    # One digest of the generations and the address: a person in many organisations has as many
    # generations, and the key stays short.
    numbers = ",".join(generations(names))
    page = hashlib.sha256(f"{numbers}:{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
    return f"{request.LANGUAGE_CODE}:{text_size(request)}:{page}"


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.session.modified
        and response.get("Content-Type", "").startswith("text/html")
    )


@lru_cache(maxsize=1)
def release() -> str:
    """What names this deployment's code in shared keys: RELEASE when the deployment sets it,
    else a digest of the size and time of every template, catalogue and module of the site."""
    if settings.KEPT_PAGES_RELEASE:
        return settings.KEPT_PAGES_RELEASE
    digest = hashlib.sha256()
    for folder in ("templates", "locale", "portal", "diagnosis", "declaration", "learning", "presenters", "console"):
        for path in sorted(Path(settings.BASE_DIR, folder).rglob("*.*")):
            if path.suffix in {".py", ".html", ".txt", ".mo", ".svg", ".json", ".yaml"}:
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]


def _slot(key: str) -> str:
    return f"kept-page:{int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % SHARED_SLOTS}"


def _fetch(store, key: str):
    """The page kept in this process, else the one another process shared, else None."""
    kept = store.get(key)
    if kept is not None or not settings.KEPT_PAGES_SHARED:
        return kept
    slot = cache.get(_slot(key))
    if slot is None or slot[0] != f"{release()}:{key}":
        return None
    _key, until, packed, headers = slot
    remaining = until - time.time()
    if remaining < 1:
        return None
    kept = (zlib.decompress(packed), headers)
    store.set(key, kept, remaining)  # no longer than the process that rendered it would
    return kept


def _keep(store, key: str, kept, seconds: int) -> None:
    store.set(key, kept, seconds)
    if settings.KEPT_PAGES_SHARED:
        content, headers = kept
        shared = (f"{release()}:{key}", time.time() + seconds, zlib.compress(content, 1), headers)
        cache.set(_slot(key), shared, seconds)


def _serve(request: HttpRequest, store, key: str, seconds: int, view, args, kwargs) -> HttpResponse:
    kept = _fetch(store, key)
    if kept is None:
        response = view(request, *args, **kwargs)
        if _keepable(request, response):
            content = _TOKEN_FIELD.sub(rb"\1" + _PLACEHOLDER + rb"\2", response.content)
            _keep(store, key, (content, list(response.items())), seconds)
        return response
    content, headers = kept
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    return response


def kept_page(*names: str, signed_in: bool = False, seconds: int = PAGE_SECONDS) -> Callable:
    """Serve GETs of this view from memory until a generation in `names` moves, for `seconds`
    at most: anonymous ones always, a signed-in person's own when `signed_in` (under their own
    generation too)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if request.method != "GET" or request.COOKIES.get(CookieStorage.cookie_name):  # a message waits
                return view(request, *args, **kwargs)
            if _anonymous(request):
                key = _key(request, names)
                return _serve(request, caches["public_pages"], key, seconds, view, args, kwargs)
            person = _signed_in_person(request) if signed_in else None
            if person is None:
                return view(request, *args, **kwargs)
            own = person_generation_names(person, organisations=[o.pk for o in my_organisations(request)])
            key = f"{person}:{timezone.localdate()}:{_key(request, (*names, *own))}"
            return _serve(request, caches["personal_pages"], key, seconds, view, args, kwargs)

        return wrapper

    return decorator


# --- What retires a person's pages -----------------------------------------------------

Owners = Callable[[Model], Iterable[int | None]]
_followed: dict[type[Model], dict[str, Owners]] = {}
_unseen: dict[type[Model], frozenset[str]] = {}
_NAMES = {
    "people": people_names,
    "organisations": organisations_names,
    "teams": teams_names,
    "accounts": accounts_names,
}


def follow(
    model: type[Model],
    *,
    people: Owners | None = None,
    organisations: Owners | None = None,
    teams: Owners | None = None,
    accounts: Owners | None = None,
    unseen_fields: Iterable[str] = (),
) -> None:
    """Retire kept pages when a row of `model` is saved or deleted. Each argument is a function
    of the row giving ids: the pages of those `people`, of every member of those
    `organisations`, and of those people and everyone in their `teams`; and the kept
    `accounts` of those people (portal.lib.accounts: their user row, memberships and
    organisations, of which the row is one). Writes that send no signal
    (`update()`, `bulk_create()`) call `retire` or a `retire_*` function of portal.lib.fragments
    themselves. A save of `unseen_fields` only (`save(update_fields=…)`) retires nothing: it
    changes bookkeeping that no kept page shows."""
    owners = {"people": people, "organisations": organisations, "teams": teams, "accounts": accounts}
    _followed[model] = {kind: find for kind, find in owners.items() if find is not None}
    _unseen[model] = frozenset(unseen_fields)


def followed_models() -> set[type[Model]]:
    return set(_followed)


def _row_changed(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields and update_fields <= _unseen.get(sender, frozenset()):
        return
    names = set()
    for kind, find in _followed.get(sender, {}).items():
        try:
            owners = find(instance)
        except ObjectDoesNotExist:  # its parent went first, in the same deletion: followed itself
            continue
        names |= _NAMES[kind](owners)
    retire(names)  # a result moves its author's and its organisation's pages in one round trip


post_save.connect(_row_changed, dispatch_uid="kept_pages_row_saved")
post_delete.connect(_row_changed, dispatch_uid="kept_pages_row_deleted")
