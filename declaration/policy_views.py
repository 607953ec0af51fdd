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
from portal.lib.content_loading import digest
from portal.lib.pdf import pdf_response, render_pdf
from portal.models import Role

# What the template is filled in with; typed on the builder itself, before the first save.
TEMPLATE_FIELDS = ("representative_title", "representative_name", "established_on")


def _template(request: HttpRequest, organisation, data) -> tuple:
    return policy_template(
        organisation=organisation.name,
        representative_title=(data.get("representative_title") or "").strip()[:40] or _("代表取締役"),
        representative_name=(data.get("representative_name") or "").strip()[:60]
        or request.user.full_name
        or "　　　　",
        established_on=(data.get("established_on") or "").strip()[:20]
        or date_format(timezone.localdate(), "DATE_FORMAT"),
    )


def _text_names(section_count: int) -> list[str]:
    sections = [name for i in range(section_count) for name in (f"heading_{i}", f"body_{i}")]
    return ["title", "preamble", *sections, "closing"]


def _text_digest(text: dict, section_count: int) -> str:
    """A digest of the builder's text, to tell whether it was edited since the template filled it
    (content_loading.digest: text areas sent with CRLF are not an edit)."""
    return digest({name: text.get(name, "") for name in _text_names(section_count)})


def _as_text(title, preamble, sections, closing) -> dict:
    text = {"title": title, "preamble": preamble, "closing": closing}
    for index, section in enumerate(sections):
        text[f"heading_{index}"], text[f"body_{index}"] = section["heading"], section["body"]
    return text


@login_required
def edit(request: HttpRequest) -> HttpResponse:
    """Pre-filled from the template the first time; every save is a new version.

    「ひな形に反映する」 is a button of the builder's own form, so the server sees the text as it
    stands. When that text was edited since the template filled it, the page asks before
    overwriting it (「上書きする」 / 「編集を残す」) and keeps the text meanwhile: nothing relies on
    JavaScript for this.
    """
    organisation = current_organisation_or_404(request, role=Role.ADMIN)
    policy = Policy.objects.filter(organisation=organisation).first()
    latest = policy.versions.first() if policy else None
    if latest:
        title, preamble, sections, closing = latest.title, latest.preamble, latest.sections, latest.closing
    else:
        title, preamble, sections, closing = _template(request, organisation, request.GET)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    page = {
        "template_values": {
            name: request.POST.get(name, request.GET.get(name, "")) for name in TEMPLATE_FIELDS
        },
        "filled_digest": request.POST.get("filled_digest", ""),
    }
    if latest is None and action in ("template", "overwrite", "keep"):
        typed = {name: request.POST.get(name, "") for name in _text_names(len(sections))}
        edited = _text_digest(typed, len(sections)) != page["filled_digest"]
        if action == "overwrite" or (action == "template" and not edited):
            filled = _as_text(*_template(request, organisation, request.POST))
            page["filled_digest"] = _text_digest(filled, len(sections))
            form = PolicyForm(sections=sections, initial=filled)
        else:  # ask first; or the person chose to keep their edits
            form = PolicyForm(sections=sections, initial=typed)
            page.update(confirm_overwrite=action == "template", unsaved=True)
        return _render_edit(request, organisation, policy, latest, form, page)
    form = PolicyForm(
        request.POST if action == "save" else None,
        sections=sections,
        initial={"title": title, "preamble": preamble, "closing": closing},
    )
    if action == "save" and form.is_valid():
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
    if action is None and latest is None:
        page["filled_digest"] = _text_digest(_as_text(title, preamble, sections, closing), len(sections))
    page["unsaved"] = action == "save"
    return _render_edit(request, organisation, policy, latest, form, page)


def _render_edit(request, organisation, policy, latest, form, page: dict) -> HttpResponse:
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
            **page,
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
