"""The audit log in the staff console (/review/audit/): filter, page through, export as CSV.
Entries are shown in words, with links to what they are about (console.audit_entries)."""

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.dateparse import parse_date

from console import audit_entries
from portal.access import staff_permission_required
from portal.lib.audit import audit
from portal.lib.csv_export import safe_row
from portal.models import AuditEntry, User

NO_ACTOR = "-"  # the actor filter's value for entries nobody signed in made (failed logins…)


def _filtered(request: HttpRequest):
    entries = AuditEntry.objects.all()
    if action := request.GET.get("action", "").strip():
        # A code from the list is matched exactly; anything else as a prefix ("declaration.").
        entries = (
            entries.filter(action=action)
            if action in audit_entries.ACTIONS
            else entries.filter(action__startswith=action)
        )
    if (kind := request.GET.get("kind", "")) in audit_entries.KINDS:
        entries = entries.filter(action__startswith=f"{kind}.")
    if actor := request.GET.get("actor", "").strip():
        entries = (
            entries.filter(actor__isnull=True)
            if actor == NO_ACTOR
            else entries.filter(actor_email__iexact=actor)
        )
    if q := request.GET.get("q", "").strip():
        entries = entries.filter(target__icontains=q)
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
        writer.writerow(["created_at", "action", "action_label", "actor", "target", "details", "ip_address"])
        for entry in entries.iterator(chunk_size=2000):
            writer.writerow(
                safe_row(
                    [
                        entry.created_at.isoformat(),
                        entry.action,
                        audit_entries.action_label(entry.action),
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
    return render(
        request,
        "review/audit.html",
        {
            "page": page,
            "rows": audit_entries.rows(page.object_list),
            "query": query.urlencode(),
            "action_choices": audit_entries.action_choices(),
            "kinds": audit_entries.KINDS,
            # The staff accounts (a handful): the people whose actions the log is kept for.
            "actors": User.objects.filter(is_staff=True).order_by("email").values_list("email", flat=True),
            "no_actor": NO_ACTOR,
        },
    )
