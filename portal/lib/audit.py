"""The audit log: one call records who did what to what, from where.

Services write the entries for the changes they make, inside their own transaction, so a
change and its record commit or roll back together. They pass the actor; the client's
address comes from the request being served (AuditRequestContext keeps it for the duration
of the request), so no service needs the request itself. Views audit only what they alone
see: exports and reads.
"""

from contextvars import ContextVar

from django.http import HttpRequest

from portal.lib.clients import client_ip
from portal.models import AuditEntry

_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


class AuditRequestContext:
    """Middleware: the request being served, for the address audit entries record."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def audit(
    action: str, *, request: HttpRequest | None = None, actor=None, target="", anonymous: bool = False, **details
) -> AuditEntry:
    """Record `action` (e.g. "declaration.suspended") by `actor`.

    With `request` (views), the actor defaults to the signed-in person. Without it (services),
    only the address is taken from the request being served: the actor is always explicit.
    `anonymous=True` records neither actor nor address (an account's own deletion).
    """
    if actor is None and request is not None and request.user.is_authenticated and request.user.pk:
        actor = request.user
    if anonymous:
        actor, request = None, None
    return AuditEntry.objects.create(
        actor=actor,
        actor_email=getattr(actor, "email", "") or details.pop("email", ""),
        action=action,
        target=str(target)[:200],
        details=details,
        ip_address=None if anonymous else client_ip(request or _current_request.get()),
    )
