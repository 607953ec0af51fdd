"""Who may keep a copy of a response: nobody but the visitor's own browser memory, for
anything personal.

A response to someone with a session (signed in, or an anonymous visitor whose results the
session remembers) is `Cache-Control: private, no-store` unless the view set its own
Cache-Control: マイページ, results, exports, CSVs and PDFs must not be kept by a shared proxy
or on the disk of a shared computer. Pages reached by an unguessable link without a session
(a shared result, a certificate, an invitation) say so themselves with `never_cache`.
Public pages for anonymous visitors (registry, API, lessons) stay cacheable.
"""

from django.utils.cache import add_never_cache_headers


class PrivateForSessions:
    """Middleware: `private, no-store` for every response to a request carrying a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        session = getattr(request, "session", None)  # none for static files (WhiteNoise)
        if session is not None and not session.is_empty():
            add_never_cache_headers(response)
        return response
