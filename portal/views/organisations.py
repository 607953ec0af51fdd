"""Organisations, their members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import services
from portal.access import can_register_organisation, get_for_organisation_or_404, my_organisations
from portal.adapter import remember_invited_email
from portal.forms import InvitationForm, OrganisationChoiceForm, OrganisationForm, RoleForm
from portal.lib import oidc
from portal.lib.login_reasons import login_reason
from portal.lib.redirects import safe_next_url
from portal.models import Invitation, Membership, Organisation, Role
from portal.selectors import pending_verified_claims


def _add_errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/list.html", {"organisations": my_organisations(request)})


@login_required
def organisation_new(request: HttpRequest) -> HttpResponse:
    if not can_register_organisation(request.user):
        raise PermissionDenied  # portal staff: see can_register_organisation
    # The industry and size a diagnosis was answered with come along (?industry=E&size_band=6-20).
    initial = {name: request.GET[name] for name in ("industry", "size_band") if request.GET.get(name)}
    # After signing in with GビズID: its 法人番号, name and prefecture, the rest to complete.
    claims = pending_verified_claims(request.user)
    if claims is not None:
        initial.update(name=claims.name, corporate_number=claims.corporate_number)
        if claims.prefecture:
            initial["prefecture"] = claims.prefecture
    form = OrganisationForm(request.POST or None, initial=initial, locked=claims is not None)
    next_url = safe_next_url(request, default=None)  # e.g. back to saving a diagnosis result
    if request.method == "POST" and form.is_valid():
        if claims is not None:
            fields = {k: v for k, v in form.cleaned_data.items() if k not in OrganisationForm.LOCKED_WHEN_VERIFIED}
            organisation = services.organisation_create_verified(user=request.user, claims=claims, **fields)
        else:
            organisation = services.organisation_create(user=request.user, **form.cleaned_data)
        messages.success(request, _("「%(name)s」を登録しました。") % {"name": organisation.name})
        # The signed-in home: the new organisation's task list, with its next step highlighted.
        return redirect(next_url or "dashboard")
    return render(
        request,
        "organisations/form.html",
        {"form": form, "creating": True, "next": next_url, "claims": claims, "provider": claims and oidc.provider(claims.provider_id)},
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Members see the organisation's details; admins can change them."""
    write = request.method == "POST"
    organisation = get_for_organisation_or_404(
        request.user, Organisation, role=Role.ADMIN if write else Role.MEMBER, pk=pk
    )
    is_admin = organisation.member_role == Role.ADMIN
    form = OrganisationForm(request.POST or None, instance=organisation, locked=organisation.is_verified)
    if write and form.is_valid():
        services.organisation_update(organisation=organisation, actor=request.user, **form.cleaned_data)
        messages.success(request, _("組織の情報を保存しました。"))
        return redirect(organisation)
    return render(
        request, "organisations/form.html", {"form": form, "organisation": organisation, "is_admin": is_admin}
    )


def _members_page(
    request: HttpRequest, organisation: Organisation, invite_form: InvitationForm
) -> HttpResponse:
    is_admin = organisation.member_role == Role.ADMIN
    return render(
        request,
        "organisations/members.html",
        {
            "organisation": organisation,
            "is_admin": is_admin,
            "memberships": organisation.memberships.select_related("user").order_by("role", "user__email"),
            "invitations": organisation.invitations.filter(accepted_at__isnull=True).order_by("email")
            if is_admin
            else [],
            "invite_form": invite_form,
            "roles": Role,
        },
        status=400 if invite_form.is_bound else 200,
    )


@login_required
def members(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for_organisation_or_404(request.user, Organisation, pk=pk)
    return _members_page(request, organisation, InvitationForm())


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for_organisation_or_404(request.user, Organisation, role=Role.ADMIN, pk=pk)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=Role(form.cleaned_data["role"]),
                invited_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(email)s に招待メールを送りました。") % {"email": invitation.email})
            return redirect("organisations:members", pk=organisation.pk)
    # The members page again, with the errors beside the fields and what was typed kept.
    return _members_page(request, organisation, form)


def _membership(request: HttpRequest, pk: int, membership_pk: int, *, role: Role = Role.MEMBER) -> Membership:
    return get_for_organisation_or_404(
        request.user,
        Membership.objects.select_related("organisation", "user"),
        role=role,
        pk=membership_pk,
        organisation_id=pk,
    )


@login_required
@require_POST
def change_role(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    membership = _membership(request, pk, membership_pk, role=Role.ADMIN)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("役割の指定が正しくありません。"))
    else:
        try:
            services.membership_change_role(
                membership=membership, role=Role(form.cleaned_data["role"]), actor=request.user
            )
        except ValidationError as error:
            _add_errors(request, error)
        else:
            messages.success(
                request, _("%(email)s の役割を変更しました。") % {"email": membership.user.email}
            )
    return redirect("organisations:members", pk=pk)


@login_required
@require_POST
def remove_member(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    """Admins remove anyone; every member may remove themselves (leave)."""
    membership = _membership(request, pk, membership_pk)
    leaving = membership.user_id == request.user.pk
    if not leaving and membership.member_role != Role.ADMIN:
        raise PermissionDenied
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        _add_errors(request, error)
        return redirect("organisations:members", pk=pk)
    if leaving:
        messages.success(
            request, _("「%(name)s」から退出しました。") % {"name": membership.organisation.name}
        )
        return redirect("organisations:list")
    messages.success(request, _("%(email)s を組織から外しました。") % {"email": membership.user.email})
    return redirect("organisations:members", pk=pk)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    invitation = get_for_organisation_or_404(
        request.user,
        Invitation,
        role=Role.ADMIN,
        pk=invitation_pk,
        organisation_id=pk,
        accepted_at__isnull=True,
    )
    services.invitation_revoke(invitation=invitation)
    messages.success(request, _("%(email)s への招待を取り消しました。") % {"email": invitation.email})
    return redirect("organisations:members", pk=pk)


# Reached by an unguessable link, without a session: never kept by a shared cache.
@login_reason(
    gettext_lazy(
        "組織への招待を受けるには、ログインしてください。まだ登録していない方は、招待されたメールアドレスで"
        "利用者登録すると、確認メールを待たずにすぐ参加できます。"
    )
)
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation e-mail links to; joining takes a POST by the invited person."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"), token=token
    )
    if not request.user.is_authenticated and invitation.accepted_at is None and not invitation.is_expired:
        # The link came by mail to this address: signing up with it needs no second verification.
        remember_invited_email(request, invitation.email)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            membership = services.invitation_accept(invitation=invitation, user=request.user)
        except ValidationError as error:
            _add_errors(request, error)
        else:
            messages.success(
                request, _("「%(name)s」に参加しました。") % {"name": invitation.organisation.name}
            )
            # A new member's first job is learning; a new admin's is the organisation's task list.
            return redirect("learning:index" if membership.role == Role.MEMBER else "dashboard")
    return render(request, "organisations/invitation.html", {"invitation": invitation})


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """Make another of the user's organisations the current one (from the header)."""
    form = OrganisationChoiceForm(request.POST)
    if form.is_valid():
        organisation = get_for_organisation_or_404(
            request.user, Organisation, pk=form.cleaned_data["organisation"]
        )
        services.organisation_switch(user=request.user, organisation=organisation)
        messages.success(request, _("「%(name)s」に切り替えました。") % {"name": organisation.name})
    return redirect(safe_next_url(request))
