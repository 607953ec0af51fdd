"""Writes to accounts, organisations and memberships. Views call these; nothing else writes."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.email import send_templated_email
from portal.models import Invitation, Membership, Organisation, Role, User, normalise_email

# --- Accounts -------------------------------------------------------------------------


def user_update_profile(*, user: User, full_name: str, full_name_kana: str) -> User:
    user.full_name = full_name
    user.full_name_kana = full_name_kana
    user.full_clean(exclude=["password", "current_organisation"])
    user.save(update_fields=["full_name", "full_name_kana"])
    return user


def organisations_blocking_deletion(*, user: User) -> list[Organisation]:
    """Organisations that would be left with members but no admin if `user` went."""
    blocking = []
    for membership in user.memberships.filter(role=Role.ADMIN).select_related("organisation"):
        others = Membership.objects.filter(organisation=membership.organisation).exclude(user=user)
        if others.exists() and not others.filter(role=Role.ADMIN).exists():
            blocking.append(membership.organisation)
    return blocking


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete the account and the person's data.

    Organisations the person ran alone go with them; an organisation with other admins
    stays. One whose other members have no admin must first get one (ValidationError).
    What else is erased is portal.erasure's register, and exactly what
    templates/registration/delete_account.html promises. The audit entry says that an
    account was deleted, never whose.
    """
    from portal.erasure import personal_data_erase
    from portal.lib.audit import audit

    blocking = organisations_blocking_deletion(user=user)
    if blocking:
        raise ValidationError(
            _("次の組織には、あなた以外に管理者がいません。先に他のメンバーを管理者にしてください: %(names)s")
            % {"names": _("、").join(o.name for o in blocking)}
        )
    alone = Organisation.objects.filter(memberships__user=user).exclude(
        pk__in=Membership.objects.exclude(user=user).values("organisation")
    )
    done = personal_data_erase(user=user)
    done["organisations_deleted"] = alone.delete()[1].get("portal.Organisation", 0)
    user.delete()
    audit("account.delete", **done)


# --- Organisations --------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user: User, **fields) -> Organisation:
    """Create an organisation with `user` as its first admin and make it their current one."""
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    organisation_switch(user=user, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    return organisation


def organisation_switch(*, user: User, organisation: Organisation) -> None:
    """Remember `organisation` as the one the user is working for (the caller checked membership)."""
    user.current_organisation = organisation
    user.save(update_fields=["current_organisation"])


# --- Members and invitations ----------------------------------------------------------


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, role: Role, invited_by: User) -> Invitation:
    """Invite someone by e-mail; a newer invitation to the same address replaces the old one."""
    email = normalise_email(email)
    if organisation.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("この方は既にこの組織のメンバーです。")})
    organisation.invitations.filter(email=email, accepted_at__isnull=True).delete()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    send_templated_email(
        template="invitation",
        to=[email],
        context={
            "invitation": invitation,
            "link": settings.SITE_URL + invitation.get_absolute_url(),
            "inviter": invited_by,
        },
        secret=True,
    )
    return invitation


def invitation_revoke(*, invitation: Invitation) -> None:
    invitation.delete()


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """Join the organisation the invitation is for, as the signed-in person it was sent to."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("この招待は既に使われています。"))
    if invitation.is_expired:
        raise ValidationError(_("この招待の有効期限が切れています。組織の管理者に再送を依頼してください。"))
    if normalise_email(user.email) != invitation.email:
        raise ValidationError(
            _("この招待は %(email)s 宛てです。そのメールアドレスでログインしてください。")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    organisation_switch(user=user, organisation=invitation.organisation)
    return membership


def _lock_admins(organisation: Organisation) -> list[int]:
    """Lock the organisation's memberships so that two admins cannot both step down at once."""
    memberships = Membership.objects.select_for_update().filter(organisation=organisation)
    return [m.pk for m in memberships if m.role == Role.ADMIN]


@transaction.atomic
def membership_change_role(*, membership: Membership, role: Role) -> Membership:
    admins = _lock_admins(membership.organisation)
    if role != Role.ADMIN and admins == [membership.pk]:
        raise ValidationError(
            _("最後の管理者は役割を変更できません。先に他のメンバーを管理者にしてください。")
        )
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member (or let one leave). The last admin can do neither."""
    admins = _lock_admins(membership.organisation)
    if admins == [membership.pk]:
        raise ValidationError(
            _("最後の管理者は組織を離れられません。先に他のメンバーを管理者にしてください。")
        )
    user = membership.user
    membership.delete()
    if user.current_organisation_id == membership.organisation_id:
        user.current_organisation = None
        user.save(update_fields=["current_organisation"])
