"""Why the login (or sign-up) page is shown: the page a person was on when they were asked to
log in may say what logging in is for, and the login page says it above the form.

A view declares its reason with `@login_reason(gettext_lazy("…"))`; the login and sign-up
templates look up the view their `next` points to (`{% login_reason_for %}`). The core knows
no view of the services: each names its own reason.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


def login_reason(text):
    def decorate(view):
        view.login_reason = text
        return view

    return decorate


def reason_for(next_url: str | None):
    """The reason the view at `next_url` (a path on this site) gives, or None."""
    if not next_url or not next_url.startswith("/") or next_url.startswith("//"):
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    return getattr(match.func, "login_reason", None)
