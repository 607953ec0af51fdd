"""A person's and an organisation's data: "download my data", account deletion and an
organisation's export (console.privacy and console.erasure do the work)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from console import erasure, privacy
from portal import services
from portal.access import get_for_organisation_or_404
from portal.forms import AccountDeleteForm
from portal.lib.audit import audit
from portal.lib.json_export import download
from portal.models import Organisation, Role


@login_required
def personal_export(request: HttpRequest) -> HttpResponse:
    """Everything the portal holds about the signed-in person, as JSON."""
    audit("export.personal_data", request=request)
    return download(privacy.personal_data(request.user), filename="my-data.json")


@login_required
def account_delete(request: HttpRequest) -> HttpResponse:
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.account_delete(user=request.user)  # records its own, non-identifying audit entry
        except ValidationError as error:
            form.add_error(None, error)
        else:
            logout(request)
            messages.success(request, _("アカウントと登録情報を削除しました。ご利用ありがとうございました。"))
            return redirect("home")
    return render(
        request,
        "registration/delete_account.html",
        {
            "form": form,
            "blocking": services.organisations_blocking_deletion(user=request.user),
            "memberships": request.user.memberships.select_related("organisation"),
        },
    )


@login_required
def organisation_export(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation's records as JSON, for its admins."""
    organisation = get_for_organisation_or_404(request.user, Organisation, role=Role.ADMIN, pk=pk)
    audit("export.organisation_data", request=request, target=organisation.name)
    return download(privacy.organisation_data(organisation), filename="organisation-data.json")
