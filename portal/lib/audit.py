"""The audit log: one call records who did what to what, from where."""

from django.http import HttpRequest

from portal.lib.clients import client_ip
from portal.models import AuditEntry


def audit(action: str, *, request: HttpRequest | None = None, actor=None, target="", **details) -> AuditEntry:
    """Record `action` (e.g. "declaration.suspend") by `actor` (default: the request's user)."""
    if actor is None and request is not None and request.user.is_authenticated and request.user.pk:
        actor = request.user
    return AuditEntry.objects.create(
        actor=actor,
        actor_email=getattr(actor, "email", "") or details.pop("email", ""),
        action=action,
        target=str(target)[:200],
        details=details,
        ip_address=client_ip(request),
    )
