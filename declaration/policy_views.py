"""The basic-policy builder and the public policy pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from declaration import services
from declaration.content import policy_template
from declaration.forms import PolicyForm
from declaration.models import Policy
from declaration.selectors import published_policy
from portal.access import current_organisation_or_404
from portal.lib.pdf import pdf_response, render_pdf
from portal.models import Role


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    """Pre-filled from the template the first time; every save is a new version."""
    organisation = current_organisation_or_404(request, role=Role.ADMIN)
    policy = Policy.objects.filter(organisation=organisation).first()
    latest = policy.versions.first() if policy else None
    if latest:
        title, preamble, sections, closing = latest.title, latest.preamble, latest.sections, latest.closing
    else:
        title, preamble, sections, closing = policy_template(
            organisation=organisation.name,
            representative_title=request.GET.get("representative_title", _("代表取締役")),
            representative_name=request.GET.get("representative_name", request.user.full_name or "　　　　"),
            established_on=request.GET.get("established_on")
            or date_format(timezone.localdate(), "DATE_FORMAT"),
        )
    form = PolicyForm(
        request.POST or None,
        sections=sections,
        initial={"title": title, "preamble": preamble, "closing": closing},
    )
    if request.method == "POST" and form.is_valid():
        version = services.policy_save(
            organisation=organisation,
            user=request.user,
            title=form.cleaned_data["title"],
            preamble=form.cleaned_data["preamble"],
            sections=form.sections(),
            closing=form.cleaned_data["closing"],
        )
        if policy is not None and policy.is_published:
            messages.success(
                request,
                _(
                    "第%(number)s版として保存しました。公開中の版はそのままです。公開するには「この版を公開する」を押してください。"
                )
                % {"number": version.number},
            )
        else:
            messages.success(
                request, _("基本方針を保存しました（第%(number)s版）。") % {"number": version.number}
            )
        return redirect("policies:edit")
    return render(
        request,
        "policies/edit.html",
        {
            "form": form,
            "policy": policy,
            "versions": policy.versions.all()[:10] if policy else [],
            "draft": latest if policy and latest and latest.pk != policy.published_version_id else None,
            "default_title": _("代表取締役"),
            "organisation": organisation,
        },
    )


@login_required
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation_or_404(request, role=Role.ADMIN)
    policy = Policy.objects.filter(organisation=organisation).first()
    if policy is None:
        raise Http404
    try:
        services.policy_publish(policy=policy, publish=request.POST.get("publish") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        policy.refresh_from_db()
        messages.success(request, _("公開しました。") if policy.is_published else _("公開を停止しました。"))
    return redirect("policies:edit")


def _published(slug: str):
    policy = published_policy(slug)
    if policy is None:
        raise Http404
    return policy, policy.published_version  # not the latest save: that is a draft until published


def public(request: HttpRequest, slug: str) -> HttpResponse:
    policy, version = _published(slug)
    return render(request, "policies/public.html", {"policy": policy, "version": version})


def public_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    policy, version = _published(slug)
    pdf = render_pdf("policies/pdf/policy.html", {"policy": policy, "version": version})
    return pdf_response(pdf, filename=f"security-policy-{slug}.pdf")
