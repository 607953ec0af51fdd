"""Writes to accounts, organisations and memberships. Views call these; nothing else writes."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.audit import audit
from portal.lib.email import send_templated_email
from portal.lib.oidc import Claims, verification_method
from portal.models import (
    AuditEntry,
    Invitation,
    Membership,
    Organisation,
    OutboxMessage,
    Role,
    User,
    normalise_email,
)

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


def user_delete_check(*, user: User) -> None:
    """Refuse (ValidationError) while an organisation would be left with members but no admin."""
    blocking = organisations_blocking_deletion(user=user)
    if blocking:
        raise ValidationError(
            _("次の組織には、あなた以外に管理者がいません。先に他のメンバーを管理者にしてください: %(names)s")
            % {"names": _("、").join(o.name for o in blocking)}
        )


@transaction.atomic
def user_delete(*, user: User) -> dict[str, int]:
    """The core's part of deleting an account: the organisations the person ran alone, their
    memberships and the account itself. Returns what was done, in numbers only.

    An organisation with other admins stays; one whose other members have no admin must
    first get one (ValidationError). console.erasure.account_delete runs every service's
    eraser and person_erase before this, in the same transaction, and records the deletion.
    """
    user_delete_check(user=user)
    alone = Organisation.objects.filter(memberships__user=user).exclude(
        pk__in=Membership.objects.exclude(user=user).values("organisation")
    )
    done = {"organisations_deleted": alone.delete()[1].get("portal.Organisation", 0)}
    user.delete()
    return done


REDACTED = "[deleted]"


@transaction.atomic
def person_erase(*, user: User) -> dict[str, int]:
    """Account deletion's part in the core, outside the person's own rows: invitations to
    their address, their traces in the audit log and the outbox. Returns what was done."""
    email = user.email
    done = {"invitations_deleted": Invitation.objects.filter(email__iexact=email).delete()[0]}
    # The audit log keeps what was done, not by whom: the person's entries lose the address
    # and the IP, and their address disappears from every entry's details.
    AuditEntry.objects.filter(Q(actor=user) | Q(actor_email__iexact=email)).update(
        actor_email="", ip_address=None
    )
    mentioning = list(AuditEntry.objects.filter(details__icontains=email))
    for entry in mentioning:
        entry.details = _scrub(entry.details, email)
    AuditEntry.objects.bulk_update(mentioning, ["details"])
    # Mail to the person goes (sent or not). Mail to others that mentions their address is
    # about them (a talk request they sent, an invitation): its body goes, the rest stays.
    to_them = [m.pk for m in OutboxMessage.objects.filter(to__icontains=email) if _addressed_to(m.to, email)]
    done["mail_deleted"] = OutboxMessage.objects.filter(pk__in=to_them).delete()[0]
    for message in OutboxMessage.objects.filter(
        Q(subject__icontains=email) | Q(body_text__icontains=email) | Q(body_html__icontains=email)
    ):
        message.subject = re.sub(re.escape(email), REDACTED, message.subject, flags=re.IGNORECASE)
        message.body_text, message.body_html = REDACTED, ""
        message.save(update_fields=["subject", "body_text", "body_html", "updated_at"])
    return done


def _scrub(value, needle: str):
    """`value` (JSON) with every string that contains `needle` (case-insensitive) redacted."""
    if isinstance(value, str):
        return REDACTED if needle.lower() in value.lower() else value
    if isinstance(value, list):
        return [_scrub(item, needle) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, needle) for key, item in value.items()}
    return value


def _addressed_to(recipients, email: str) -> bool:
    return any(str(address).strip().lower() == email.lower() for address in recipients or [])


# --- Organisations --------------------------------------------------------------------


@transaction.atomic
def organisation_create(*, user: User, **fields) -> Organisation:
    """Create an organisation with `user` as its first admin and make it their current one."""
    organisation = Organisation(**fields)
    organisation.full_clean()
    organisation.save()
    Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
    organisation_switch(user=user, organisation=organisation)
    _give_way_to_verified(organisation=organisation, actor=user)
    return organisation


# What a verified organisation's provider (or staff) vouched for: its members cannot change it.
VERIFIED_FIELDS = ("name", "corporate_number", "is_sole_proprietor")


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: User | None = None, **fields) -> Organisation:
    if organisation.is_verified:
        changed = [name for name in VERIFIED_FIELDS if name in fields and fields[name] != getattr(organisation, name)]
        if changed:
            raise ValidationError(
                {name: _("本人確認済みの組織のこの項目は変更できません。") for name in changed}
            )
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    _give_way_to_verified(organisation=organisation, actor=actor)
    return organisation


def _give_way_to_verified(*, organisation: Organisation, actor: User | None) -> None:
    """An unverified organisation given the 法人番号 of a verified one is superseded at once,
    as those that had it when the other was verified were: a squatter who comes late does not
    reach the registry either."""
    if organisation.superseded_by_id:
        if organisation.superseded_by.corporate_number != organisation.corporate_number:
            # The number was corrected: the collision is over.
            organisation.superseded_by, organisation.superseded_at = None, None
            organisation.save(update_fields=["superseded_by", "superseded_at", "updated_at"])
            audit("organisation.collision_released", actor=actor, target=organisation.name, organisation=organisation.pk)
        return
    if organisation.is_verified or not organisation.corporate_number:
        return
    verified = _verified_with_number(organisation.corporate_number)
    if verified is not None:
        _supersede_collisions(organisation=verified, actor=actor)


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
def membership_change_role(*, membership: Membership, role: Role, actor: User | None = None) -> Membership:
    admins = _lock_admins(membership.organisation)
    if role != Role.ADMIN and admins == [membership.pk]:
        raise ValidationError(
            _("最後の管理者は役割を変更できません。先に他のメンバーを管理者にしてください。")
        )
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit(
        "membership.role",
        actor=actor,
        target=membership.user.email,
        role=membership.role,
        organisation=membership.organisation.name,
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User | None = None) -> None:
    """Remove a member (or let one leave). The last admin can do neither."""
    admins = _lock_admins(membership.organisation)
    if admins == [membership.pk]:
        raise ValidationError(
            _("最後の管理者は組織を離れられません。先に他のメンバーを管理者にしてください。")
        )
    user = membership.user
    audit("membership.remove", actor=actor, target=user.email, organisation=membership.organisation.name)
    membership.delete()
    if user.current_organisation_id == membership.organisation_id:
        user.current_organisation = None
        user.save(update_fields=["current_organisation"])


# --- Verified organisations -------------------------------------------------------------


def _verified_with_number(number: str, *, other_than: Organisation | None = None) -> Organisation | None:
    """The organisation verified first for this 法人番号: the one that wins it."""
    verified = Organisation.objects.filter(corporate_number=number, verified_at__isnull=False)
    if other_than is not None:
        verified = verified.exclude(pk=other_than.pk)
    return verified.order_by("verified_at", "pk").first()


def _add_verification_note(organisation: Organisation, text: str) -> None:
    """Append a dated line to the organisation's verification history."""
    line = f"{timezone.now():%Y-%m-%d} {text}".strip()
    organisation.verification_note = "\n".join(part for part in (organisation.verification_note, line) if part)


def _claims_note(claims: Claims) -> str:
    return _("%(provider)s のアカウント種別 %(type)s") % {"provider": claims.provider_id, "type": claims.account_type}


def _members_emails(organisation: Organisation) -> list[tuple[str, str]]:
    return list(organisation.memberships.values_list("user__email", "user__language"))


def _supersede_collisions(*, organisation: Organisation, actor: User | None) -> list[Organisation]:
    """Every unverified organisation that gave `organisation`'s 法人番号 gives way to it: kept,
    marked as superseded (its declarations leave the public registry), its members told by
    e-mail and on their home page, and each step audited. Staff see the cases in the console."""
    if not organisation.corporate_number:
        return []
    now = timezone.now()
    squatters = list(
        Organisation.objects.select_for_update()
        .filter(corporate_number=organisation.corporate_number, verified_at__isnull=True)
        .exclude(pk=organisation.pk)
        .exclude(superseded_by=organisation)
    )
    for squatter in squatters:
        squatter.superseded_by = organisation
        squatter.superseded_at = now
        squatter.save(update_fields=["superseded_by", "superseded_at", "updated_at"])
        audit(
            "organisation.superseded",
            actor=actor,
            target=squatter.name,
            organisation=squatter.pk,
            verified_organisation=organisation.pk,
            corporate_number=organisation.corporate_number,
        )
        for email, language in _members_emails(squatter):
            send_templated_email(
                template="organisation_superseded",
                to=[email],
                context={"organisation": squatter, "link": settings.SITE_URL + "/my/"},
                language=language,
            )
    return squatters


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, method: str, note: str = "", actor: User | None = None, name: str = ""
) -> Organisation:
    """Mark `organisation` as verified by `method` ("oidc:gbizid" for a provider's claims,
    "staff" by hand), with `name` from the claims when given. A verified organisation wins its
    法人番号: every unverified one with the same number is superseded (_supersede_collisions)."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if name:
        organisation.name = name
    organisation.verified_at = timezone.now()
    organisation.verified_by = method
    _add_verification_note(organisation, f"{method}: {note}")
    organisation.superseded_by = None
    organisation.superseded_at = None
    organisation.full_clean()
    organisation.save()
    audit(
        "organisation.verified",
        actor=actor,
        target=organisation.name,
        organisation=organisation.pk,
        method=method,
        corporate_number=organisation.corporate_number or "",
        note=note,
    )
    _supersede_collisions(organisation=organisation, actor=actor)
    return organisation


@transaction.atomic
def organisation_revoke_verification(*, organisation: Organisation, reason: str, actor: User) -> Organisation:
    """Staff withdraw a verification (a reason is required). The organisations it had
    superseded give way to another verified organisation with the number, if there is one,
    and are otherwise back in the registry; each change is audited."""
    if not reason.strip():
        raise ValidationError({"reason": _("理由を入力してください。")})
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not organisation.is_verified:
        raise ValidationError(_("この組織は本人確認済みではありません。"))
    method = organisation.verified_by
    organisation.verified_at = None
    organisation.verified_by = ""
    _add_verification_note(organisation, f"revoked: {reason}")
    organisation.save()
    audit("organisation.verification_revoked", actor=actor, target=organisation.name, organisation=organisation.pk, method=method, reason=reason)
    successor = (
        _verified_with_number(organisation.corporate_number, other_than=organisation)
        if organisation.corporate_number
        else None
    )
    for released in Organisation.objects.select_for_update().filter(superseded_by=organisation):
        released.superseded_by = successor
        released.superseded_at = timezone.now() if successor else None
        released.save(update_fields=["superseded_by", "superseded_at", "updated_at"])
        audit(
            "organisation.collision_released" if successor is None else "organisation.superseded",
            actor=actor,
            target=released.name,
            organisation=released.pk,
            verified_organisation=successor.pk if successor else None,
        )
    return organisation


@transaction.atomic
def organisation_link_from_claims(*, user: User, claims: Claims) -> Organisation | None:
    """After a sign-in (or a connection) whose provider's claims carry a 法人番号: the person's
    organisation for that number, verified. An organisation already verified for the number
    gains the person as an admin; else one the person belongs to is verified now (and they
    become its admin). None when there is neither: the person completes the organisation
    form, pre-filled from the claims (organisation_create_verified)."""
    if not claims.verifies_organisation:
        return None
    number = claims.corporate_number
    method = verification_method(claims.provider_id)
    organisation = _verified_with_number(number)
    if organisation is None:
        own = (
            Membership.objects.select_related("organisation")
            .filter(user=user, organisation__corporate_number=number)
            .order_by("-role", "organisation__created_at")  # admin before member
            .first()
        )
        if own is None:
            return None
        organisation = organisation_verify(
            organisation=own.organisation,
            method=method,
            name=claims.name,
            actor=user,
            note=_claims_note(claims),
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": Role.ADMIN}
    )
    if created or membership.role != Role.ADMIN:
        membership.role = Role.ADMIN
        membership.save(update_fields=["role", "updated_at"])
        audit(
            "membership.from_claims",
            actor=user,
            target=user.email,
            organisation=organisation.pk,
            method=method,
            corporate_number=number,
        )
    organisation_switch(user=user, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_create_verified(*, user: User, claims: Claims, **fields) -> Organisation:
    """The organisation form completed after a sign-in whose claims carry a 法人番号 that no
    organisation of the person has: created with the claims' number and name, verified."""
    if not claims.verifies_organisation:
        raise ValidationError(_("本人確認に使える法人番号がありません。"))
    fields.update(corporate_number=claims.corporate_number, name=claims.name, is_sole_proprietor=False)
    organisation = organisation_create(user=user, **fields)
    return organisation_verify(
        organisation=organisation,
        method=verification_method(claims.provider_id),
        actor=user,
        note=_claims_note(claims),
    )
