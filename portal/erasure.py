"""Erasing a person's data when they delete their account, and the register of where
personal data lives.

Like portal.privacy (the export), this module reaches into every service on purpose: an
erasure has to be complete. Each service offers its own eraser (learning, declaration,
presenters); this module calls them and clears what the core keeps about the person.

PERSONAL_FIELDS and NOT_PERSONAL are the reviewed register of every model field that can
hold a name, an e-mail address, a postal address or a phone number (found by field class and
name; tests/security/test_account_erasure.py finds them). A new such field breaks that test
until someone classifies it here: how deletion removes it and where "download my data"
shows it, or why it is not a person's data.
"""

import re

from django.db import transaction
from django.db.models import Q

# field → (what account deletion does with it, where personal_data() exports it)
PERSONAL_FIELDS: dict[str, tuple[str, str]] = {
    "portal.User.email": ("the account row is deleted", "account.email"),
    "portal.User.full_name": ("the account row is deleted", "account.full_name"),
    "portal.User.full_name_kana": ("the account row is deleted", "account.full_name_kana"),
    "account.EmailAddress.email": ("deleted with the account (cascade)", "account.email_addresses"),
    "usersessions.UserSession.ip": ("deleted with the account (cascade)", "account.sessions"),
    "portal.AuditEntry.actor_email": ("cleared on the person's entries", "audit_log"),
    "portal.AuditEntry.ip_address": ("cleared on the person's entries", "audit_log.ip_address"),
    "portal.OutboxMessage.to": ("mail to the person is deleted, others redacted", "mail_to_you"),
    "portal.Invitation.email": ("invitations to the person's address are deleted", "invitations_to_you"),
    "declaration.Declaration.contact_name": (
        "cleared where the person is the contact",
        "declaration_contacts",
    ),
    "declaration.Declaration.contact_department": (
        "cleared where the person is the contact",
        "declaration_contacts",
    ),
    "declaration.Declaration.contact_email": (
        "cleared where the person is the contact",
        "declaration_contacts",
    ),
    "declaration.Declaration.contact_phone": (
        "cleared where the person is the contact",
        "declaration_contacts",
    ),
    "learning.Certificate.name_printed": ("cleared; the certificate is withdrawn", "learning.certificates"),
    "presenters.Presenter.name": ("deleted with the account (cascade)", "presenter.profile"),
    "presenters.Presenter.name_kana": ("deleted with the account (cascade)", "presenter.profile"),
    "presenters.Presenter.contact_email": ("deleted with the account (cascade)", "presenter.profile"),
    "presenters.Presenter.postal_address": ("deleted with the account (cascade)", "presenter.profile"),
    "presenters.Presenter.pending_changes": (
        "deleted with the account (cascade)",
        "presenter.pending_changes",
    ),
    "presenters.TalkRequest.requester_name": (
        "deleted with the presenter; requests the person sent are deleted",
        "presenter.talk_requests_received, talk_requests_sent",
    ),
    "presenters.TalkRequest.requester_email": (
        "deleted with the presenter; requests the person sent are deleted",
        "presenter.talk_requests_received, talk_requests_sent",
    ),
    "presenters.TalkRequest.organisation_name": (
        "deleted with the presenter; requests the person sent are deleted",
        "presenter.talk_requests_received, talk_requests_sent",
    ),
}

# field → why it is not a person's data
NOT_PERSONAL: dict[str, str] = {
    "auth.Permission.name": "the name of a permission",
    "auth.Group.name": "the name of a staff group",
    "portal.Organisation.name": "an organisation's name: its record, exported by organisation_data, "
    "deleted with the organisation when the person ran it alone",
    "portal.Organisation.name_kana": "as Organisation.name",
    "portal.Organisation.address": "an organisation's address (municipality and below), as Organisation.name",
    "declaration.Declaration.organisation_name": "a copy of the organisation's name for the public registry",
    "declaration.Declaration.organisation_name_kana": "as Declaration.organisation_name",
    "declaration.ReviewEvent.to_status": "a status, not an addressee",
    "presenters.PresenterEvent.to_status": "a status, not an addressee",
    "presenters.Presenter.show_name_kana": "a yes/no publishing choice",
    "presenters.Presenter.show_email": "a yes/no publishing choice",
    "presenters.Presenter.changes_to_review": "a yes/no review flag",
}

REDACTED = "[deleted]"


def _scrub(value, needle: str):
    """`value` (JSON) with every string that contains `needle` (case-insensitive) redacted."""
    if isinstance(value, str):
        return REDACTED if needle.lower() in value.lower() else value
    if isinstance(value, list):
        return [_scrub(item, needle) for item in value]
    if isinstance(value, dict):
        return {key: _scrub(item, needle) for key, item in value.items()}
    return value


@transaction.atomic
def personal_data_erase(*, user) -> dict[str, int]:
    """Erase what the portal keeps about `user` outside their own rows, before the account
    itself is deleted (which cascades to their learning records, presenter profile, e-mail
    addresses and second factors). Returns what was done, in numbers only."""
    from declaration.services import contacts_forget
    from learning.services import certificates_withdraw_for_erasure
    from portal.models import AuditEntry, Invitation, OutboxMessage
    from presenters.services import talk_requests_forget

    email = user.email
    done = {
        "certificates_withdrawn": certificates_withdraw_for_erasure(user=user),
        "declaration_contacts_cleared": contacts_forget(email=email),
        "talk_requests_deleted": talk_requests_forget(email=email),
        "invitations_deleted": Invitation.objects.filter(email__iexact=email).delete()[0],
    }
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


def _addressed_to(recipients, email: str) -> bool:
    return any(str(address).strip().lower() == email.lower() for address in recipients or [])
