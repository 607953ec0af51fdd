"""Whole public pages kept ready for anonymous visitors.

Most requests are anonymous visitors reading the same public pages (the home page, lessons,
the registry, the verification pages) that differ only by language and text size. A view
decorated with `@public_page("registry")` is rendered once per path × language × text size
and served from memory afterwards, until one of the named generations
(`portal.lib.fragments`) moves: the receivers that retire cached searches retire these pages
at the same moment, on every app server, because the generations live in the shared cache.

The copies live in each process's memory (the `public_pages` cache), so a deployment, which
restarts the processes, starts with none: no copy outlives the templates that made it.

What a page carries per visitor is put back on each request: the CSRF token of the header's
language and text-size forms is stored as a placeholder and replaced by this visitor's own
token (`get_token`, which also sets the cookie as a fresh render would). Anyone with a
session (signed in, or a visitor whose results the session remembers) or a message waiting
gets the page rendered for them, as before.
"""

import hashlib
import re
from collections.abc import Callable
from functools import wraps

from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

from portal.lib.fragments import generations
from portal.preferences import text_size

# The one content the store changes: the value `{% csrf_token %}` rendered.
_TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_PLACEHOLDER = b"__csrf_token__"
# Past this, a page is rendered afresh even if nothing retired it: a safety net for data the
# generations do not follow (a clock-dependent sentence, say).
PAGE_SECONDS = 15 * 60


def _store():
    return caches["public_pages"]


def _servable(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    if CookieStorage.cookie_name in request.COOKIES:  # a message waits to be shown
        return False
    session = getattr(request, "session", None)
    return session is not None and session.is_empty()


def _key(request: HttpRequest, names: tuple[str, ...]) -> str:
    numbers = generations(names)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"{request.LANGUAGE_CODE}:{text_size(request)}:{numbers}:{path}"


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
    )


def public_page(*names: str) -> Callable:
    """Serve anonymous GETs of this view from memory until a generation in `names` moves."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not _servable(request):
                return view(request, *args, **kwargs)
            key = _key(request, names)
            kept = _store().get(key)
            if kept is None:
                response = view(request, *args, **kwargs)
                if _keepable(response):
                    content = _TOKEN_FIELD.sub(rb"\1" + _PLACEHOLDER + rb"\2", response.content)
                    _store().set(key, (content, list(response.items())), PAGE_SECONDS)
                return response
            content, headers = kept
            if _PLACEHOLDER in content:
                content = content.replace(_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content)
            for header, value in headers:
                response[header] = value
            return response

        return wrapper

    return decorator
