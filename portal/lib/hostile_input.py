"""Refusing input no view can use, before any view or database sees it.

PostgreSQL cannot store a NUL character: a `%00` in a path, query, form field or cookie
reached a query as "A string literal cannot contain NUL" and answered 500. No field of the
portal may hold one, so a request carrying one is a 400 whatever it asks for. A whole
number in the path too large for a 64-bit column is a 404 (no object can have it) instead
of an overflow in the database driver.
"""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest

NUL = "\x00"
LARGEST_ID = 2**63 - 1


def _any_nul(pairs) -> bool:
    return any(NUL in key or NUL in str(value) for key, value in pairs)


def _every_value(querydict):
    return ((key, value) for key, values in querydict.lists() for value in values)


def _carries_nul(request: HttpRequest) -> bool:
    if NUL in request.path_info or _any_nul(_every_value(request.GET)) or _any_nul(request.COOKIES.items()):
        return True
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        return _any_nul(_every_value(request.POST))
    return False


class RefuseHostileInput:
    """Middleware: NUL anywhere → 400 (BadRequest); an id beyond BIGINT in the path → 404."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if _carries_nul(request):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -LARGEST_ID <= value <= LARGEST_ID:
                raise Http404
        return
