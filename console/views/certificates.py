"""Certificate revocation requests in the staff console (/review/certificates/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from learning import selectors, services
from portal.access import staff_permission_required

REVOKER = "learning.revoke_certificate"


@staff_permission_required(REVOKER)
def queue(request: HttpRequest) -> HttpResponse:
    return render(request, "review/certificates.html", {"requests": selectors.open_revocation_requests()})


@staff_permission_required(REVOKER)
@require_POST
def decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in ("revoke", "decline"):
        raise Http404
    revocation = get_object_or_404(selectors.revocation_requests_for_review(), pk=pk)
    reason = request.POST.get("reason", "")[:2000]
    try:
        services.revocation_decide(
            request=revocation, reviewer=request.user, revoke=decision == "revoke", reason=reason
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("操作を記録しました。"))
    return redirect("review:certificates")
