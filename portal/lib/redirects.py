"""Following `next=` only to this site."""

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, default: str | None = "home") -> str:
    """The `next` of a POST (or GET) when it points back into this site, else `default`
    (a URL name or path; None for an empty string)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    # Only paths: a bare word would be taken for a URL name by redirect() and fail to reverse.
    if candidate.startswith("/") and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default) if default is not None else ""
