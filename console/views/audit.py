"""The audit log in the staff console (/review/audit/): filter, page through, export as CSV."""

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from portal.access import staff_permission_required
from portal.lib.audit import audit
from portal.lib.csv_export import safe_row
from portal.models import AuditEntry


def _filtered(request: HttpRequest):
    entries = AuditEntry.objects.all()
    if action := request.GET.get("action", "").strip():
        entries = entries.filter(action__startswith=action)
    if actor := request.GET.get("actor", "").strip():
        entries = entries.filter(actor_email__icontains=actor)
    if since := _date(request.GET.get("since")):
        entries = entries.filter(created_at__date__gte=since)
    if until := _date(request.GET.get("until")):
        entries = entries.filter(created_at__date__lte=until)
    return entries


def _date(value: str | None):
    """A well-formed date or None: an impossible one (2026-13-45) is ignored like an empty one."""
    try:
        return parse_date(value or "")
    except ValueError:
        return None


@staff_permission_required("portal.view_auditentry")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = _filtered(request)
    if request.GET.get("format") == "csv":
        audit("export.audit_log", request=request, filters=request.GET.urlencode())
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["created_at", "action", "actor", "target", "details", "ip_address"])
        for entry in entries.iterator(chunk_size=2000):
            writer.writerow(
                safe_row(
                    [
                        entry.created_at.isoformat(),
                        entry.action,
                        entry.actor_email,
                        entry.target,
                        entry.details,
                        entry.ip_address,
                    ]
                )
            )
        return response
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "review/audit.html", {"page": page, "query": query.urlencode()})
