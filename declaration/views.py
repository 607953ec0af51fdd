"""The organisation's side of SECURITY ACTION: apply, マイページ, upgrade, change, withdraw, marks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from declaration import marks, services
from declaration.content import content, principles
from declaration.forms import (
    ApplyForm,
    ContactForm,
    OptionalReasonForm,
    ReconfirmForm,
    UpgradeForm,
    policy_choice,
)
from declaration.models import Policy, Purpose, ReviewEvent, Stars, Status
from declaration.selectors import current_declaration
from diagnosis.selectors import latest_completed_assessment
from portal.access import current_organisation, current_organisation_or_404
from portal.lib.kept_pages import kept_page
from portal.lib.links import reverse_once
from portal.lib.operator import site_operator
from portal.models import Role


def _organisation(request: HttpRequest, *, role: Role = Role.MEMBER):
    """The current organisation, for members (reading) or admins (declaring)."""
    return current_organisation_or_404(request, role=role)


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "declaration/no_organisation.html")
    organisation = _organisation(request, role=Role.ADMIN)
    existing = current_declaration(organisation)
    if existing is not None and existing.is_current:
        return redirect("declaration:mine")
    if not services.may_declare(organisation):
        return render(request, "declaration/needs_verified_organisation.html", {"organisation": organisation}, status=403)
    initial = {"contact_name": request.user.full_name, "contact_email": request.user.email}
    if request.GET.get("stars") in ("1", "2"):
        initial["stars"] = int(request.GET["stars"])
    form = ApplyForm(request.POST or None, initial=initial)
    step = request.POST.get("step", "edit")
    if request.method == "POST" and form.is_valid():
        if step == "confirm":
            return render(
                request,
                "declaration/confirm.html",
                {
                    "form": form,
                    "organisation": organisation,
                    "purpose_label": Purpose(form.cleaned_data["purpose"]).label,
                },
            )
        if step == "submit":
            try:
                declaration = services.declaration_submit(
                    organisation=organisation,
                    user=request.user,
                    stars=form.cleaned_data["stars"],
                    contact=form.contact(),
                    purpose=form.cleaned_data["purpose"],
                    purpose_other=form.cleaned_data["purpose_other"],
                    **policy_choice(form.cleaned_data),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if declaration.status == Status.ACTIVE:
                    messages.success(
                        request,
                        _("自己宣言IDを発行しました: %(id)s") % {"id": declaration.declaration_id},
                    )
                else:
                    messages.success(
                        request, _("二つ星の申込みを受け付けました。確認後に自己宣言IDを発行します。")
                    )
                return redirect("declaration:mine")
    return render(request, "declaration/apply.html", _apply_context(form, organisation))


def _apply_context(form, organisation) -> dict:
    return {
        "form": form,
        "organisation": organisation,
        "principles": principles(),
        **_diagnosis_context(organisation),
        "policy": Policy.objects.filter(organisation=organisation).first(),
    }


def _diagnosis_context(organisation) -> dict:
    """The latest self-diagnosis, and whether a ★★ would accept it (this portal's, last 12 months)."""
    assessment = latest_completed_assessment(organisation)
    return {"assessment": assessment, "assessment_accepted": services.accepts_as_evidence(assessment)}


@login_required
@kept_page("content", signed_in=True)
def mine(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "declaration/no_organisation.html")
    declaration = current_declaration(organisation)
    if declaration is None:
        return render(request, "declaration/mine_empty.html", {"organisation": organisation})
    level = content()["levels"]["two" if declaration.stars == Stars.TWO else "one"]
    events = list(declaration.events.select_related("actor"))
    return render(
        request,
        "declaration/mine.html",
        {
            "organisation": organisation,
            "declaration": declaration,
            "level": level,
            "events": events,
            # Why the declaration stands suspended: the reason of its latest suspension.
            "suspension": next(
                (event for event in reversed(events) if event.action == ReviewEvent.Action.SUSPENDED), None
            )
            if declaration.status == Status.SUSPENDED
            else None,
            "operator": site_operator(),
            "reconfirm_open": services.reconfirmation_open(declaration),
            "is_admin": organisation.member_role == Role.ADMIN,
            "mark_version": marks.declaration_version(declaration),
            "mark_label": marks.label(declaration.stars, declaration.declaration_id or ""),
            "mark_downloads": mark_downloads(declaration) if declaration.status == Status.ACTIVE else [],
            "verify_url": request.build_absolute_uri(declaration.get_absolute_url())
            if declaration.declaration_id
            else "",
        },
    )


def _current_for_admin(request: HttpRequest):
    organisation = _organisation(request, role=Role.ADMIN)
    declaration = current_declaration(organisation)
    if declaration is None or not declaration.is_current:
        raise Http404
    return organisation, declaration


@login_required
def upgrade(request: HttpRequest) -> HttpResponse:
    organisation, declaration = _current_for_admin(request)
    form = UpgradeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_upgrade(
                declaration=declaration,
                user=request.user,
                **policy_choice(form.cleaned_data),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("二つ星に変更しました。自己宣言IDはそのままです。"))
            return redirect("declaration:mine")
    return render(
        request,
        "declaration/upgrade.html",
        {
            "form": form,
            "declaration": declaration,
            **_diagnosis_context(organisation),
            "policy": Policy.objects.filter(organisation=organisation).first(),
        },
    )


@login_required
def contact(request: HttpRequest) -> HttpResponse:
    _organisation_unused, declaration = _current_for_admin(request)
    form = ContactForm(request.POST or None, instance=declaration)
    if request.method == "POST" and form.is_valid():
        services.declaration_change(declaration=declaration, user=request.user, contact=form.contact())
        messages.success(request, _("連絡先を変更しました。"))
        return redirect("declaration:mine")
    return render(request, "declaration/contact.html", {"form": form, "declaration": declaration})


@login_required
def withdraw(request: HttpRequest) -> HttpResponse:
    _organisation_unused, declaration = _current_for_admin(request)
    form = OptionalReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.declaration_withdraw(
            declaration=declaration, user=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("自己宣言を取り下げました。履歴は残ります。"))
        return redirect("declaration:mine")
    return render(request, "declaration/withdraw.html", {"form": form, "declaration": declaration})


@login_required
def reconfirm(request: HttpRequest) -> HttpResponse:
    """The yearly re-confirmation: one page, from the first reminder on (or once lapsed)."""
    organisation, declaration = _current_for_admin(request)
    if declaration.status not in (Status.ACTIVE, Status.LAPSED) or declaration.reconfirm_by is None:
        raise Http404
    two_stars = declaration.stars == Stars.TWO
    form = ReconfirmForm(request.POST or None, two_stars=two_stars)
    if request.method == "POST" and form.is_valid():
        try:
            services.declaration_reconfirm(
                declaration=declaration,
                user=request.user,
                **policy_choice(form.cleaned_data),
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("再確認しました。自己宣言IDはそのままです。"))
            return redirect("declaration:mine")
    return render(
        request,
        "declaration/reconfirm.html",
        {
            "form": form,
            "declaration": declaration,
            "opens": services.reconfirmation_opens(declaration),
            "is_open": services.reconfirmation_open(declaration),
            **(
                {**_diagnosis_context(organisation), "policy": Policy.objects.filter(organisation=organisation).first()}
                if two_stars
                else {}
            ),
        },
    )


def _active_for_member(request: HttpRequest):
    """The active declaration of the current organisation (members may download its marks)."""
    organisation = _organisation(request)
    declaration = current_declaration(organisation)
    if declaration is None or declaration.status != Status.ACTIVE:
        raise Http404
    return declaration


VARIANT_LABELS = {
    "square": gettext_lazy("正方形・IDなし"),
    "square-id": gettext_lazy("正方形・IDあり"),
    "horizontal": gettext_lazy("横長・IDなし"),
    "horizontal-id": gettext_lazy("横長・IDあり"),
}


def mark_downloads(declaration) -> list[dict]:
    """Every variant of the mark with its download links (the versioned URLs)."""
    version = marks.declaration_version(declaration)
    rows = []
    for variant, (shape, _with_id) in marks.VARIANTS.items():
        rows.append(
            {
                "variant": variant,
                "label": VARIANT_LABELS[variant],
                "svg": f"{reverse_once('declaration:mark_file', variant, 'svg')}?v={version}",
                "pdf": f"{reverse_once('declaration:mark_file', variant, 'pdf')}?v={version}",
                "print_mm": marks.PRINT_MM[shape],
                "pngs": [
                    (
                        width,
                        width * marks.SIZES[shape][1] // marks.SIZES[shape][0],
                        f"{reverse_once('declaration:mark_png_variant', variant, width)}?v={version}",
                    )
                    for width in marks.PNG_WIDTHS[shape]
                ],
            }
        )
    return rows


@login_required
def mark_file(request: HttpRequest, variant: str, fmt: str, width: int = 0) -> HttpResponse:
    """One variant of the mark (square or horizontal, with or without the ID) as SVG, PNG or
    a print-ready PDF, for members of an organisation whose declaration is active."""
    declaration = _active_for_member(request)
    if variant not in marks.VARIANTS:
        raise Http404
    shape, with_id = marks.VARIANTS[variant]
    drawing = marks.layout(variant, declaration.stars, declaration_id=declaration.declaration_id)
    name = f"security-action-{declaration.declaration_id if with_id else f'{declaration.stars}star'}-{shape}"
    if fmt == "svg":
        response = HttpResponse(marks.svg(drawing), content_type="image/svg+xml")
    elif fmt == "pdf":
        response = HttpResponse(marks.pdf(drawing), content_type="application/pdf")
    elif fmt == "png" and width in marks.PNG_WIDTHS[shape]:
        response = HttpResponse(marks.png(drawing, width), content_type="image/png")
        name = f"{name}-{width}"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return marks.versioned_response(request, response, marks.declaration_version(declaration), public=False)


@login_required
def mark(request: HttpRequest, fmt: str, size: int = 0) -> HttpResponse:
    """The square mark without the ID at its older addresses (mark.svg, mark-<size>.png)."""
    declaration = _active_for_member(request)
    if fmt == "svg":
        response = HttpResponse(marks.mark_svg(declaration.stars), content_type="image/svg+xml")
        filename = f"security-action-{declaration.stars}star.svg"
    else:
        if size not in marks.PNG_SIZES:
            raise Http404
        response = HttpResponse(marks.mark_png(declaration.stars, size), content_type="image/png")
        filename = f"security-action-{declaration.stars}star-{size}.png"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return marks.versioned_response(request, response, marks.declaration_version(declaration), public=False)


def mark_terms(request: HttpRequest) -> HttpResponse:
    return render(request, "declaration/mark_terms.html", {"terms": content()["mark_terms"]})
