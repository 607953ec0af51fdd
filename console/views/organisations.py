"""Organisations in the staff console (/review/organisations/): 法人番号の重複 (unverified
organisations that gave a verified one's number), and verifying an organisation by hand or
revoking a verification, each with a reason, a confirmation page and an audit entry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal import selectors, services
from portal.access import staff_permission_required
from portal.forms import VerificationReasonForm

VERIFIER = "portal.verify_organisation"


@staff_permission_required(VERIFIER)
def collisions(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.corporate_number_collisions(), 30).get_page(request.GET.get("page"))
    found = list(selectors.organisations_for_verification(q)[:30]) if q else []
    return render(request, "review/organisations.html", {"page": page, "q": q, "found": found})


@staff_permission_required(VERIFIER)
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """GET: the confirmation page with the reason; POST: verify or revoke."""
    if action not in ("verify", "revoke"):
        raise Http404
    organisation = get_object_or_404(selectors.organisations_for_verification(""), pk=pk)
    form = VerificationReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        try:
            if action == "verify":
                services.organisation_verify(
                    organisation=organisation, method="staff", note=reason, actor=request.user
                )
            else:
                services.organisation_revoke_verification(
                    organisation=organisation, reason=reason, actor=request.user
                )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("操作を記録しました。"))
            return redirect("review:organisations")
    return render(
        request,
        "review/organisation_confirm.html",
        {
            "organisation": organisation,
            "verb": action,
            "form": form,
            "same_number": selectors.organisations_sharing_number(organisation),
        },
        status=400 if form.is_bound else 200,
    )
