"""Erasing a person's data when they delete their account, and the register of where
personal data lives.

An erasure has to be complete, so this module runs every eraser: each service offers its
own (`person_erase(*, user)` in its services: learning, declaration, presenters; diagnosis
has nothing to erase, a result stays with its organisation), the core's `person_erase`
clears what it keeps about the person, then the core deletes the account — all in one
transaction.

PERSONAL_FIELDS and NOT_PERSONAL are the reviewed register of every model field that can
hold a name, an e-mail address, a postal address or a phone number (found by field class and
name; tests/security/test_account_erasure.py finds them). A new such field breaks that test
until someone classifies it here: how deletion removes it and where "download my data"
(console.privacy) shows it, or why it is not a person's data.
"""

from django.db import transaction

from declaration import services as declaration_services
from learning import services as learning_services
from portal import services as portal_services
from portal.lib.audit import audit
from presenters import services as presenter_services

# field → (what account deletion does with it, where console.privacy.personal_data() exports it)
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
    "learning.Certificate.organisation_name": ("cleared; the certificate is withdrawn", "learning.certificates"),
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
    "socialaccount.SocialApp.name": "the name of a sign-in provider (GビズID); configured in settings, no rows",
    "portal.Organisation.name": "an organisation's name: its record, exported by organisation_data, "
    "deleted with the organisation when the person ran it alone",
    "portal.Organisation.name_kana": "as Organisation.name",
    "portal.CorporateRecord.name": "a corporation's name as the National Tax Agency publishes it (法人番号 "
    "register), about no person who uses the portal",
    "portal.CorporateRecord.furigana": "as CorporateRecord.name",
    "portal.CorporateImport.file_name": "the name of a register file that staff imported",
    "portal.Organisation.address": "an organisation's address (municipality and below), as Organisation.name",
    "declaration.Declaration.organisation_name": "a copy of the organisation's name for the public registry",
    "declaration.Declaration.organisation_name_kana": "as Declaration.organisation_name",
    "declaration.ReviewEvent.to_status": "a status, not an addressee",
    "presenters.PresenterEvent.to_status": "a status, not an addressee",
    "presenters.Presenter.show_name_kana": "a yes/no publishing choice",
    "presenters.Presenter.show_email": "a yes/no publishing choice",
    "presenters.Presenter.changes_to_review": "a yes/no review flag",
    # The task runner's rows: tasks carry row ids only (portal/lib/tasks.py), never an address.
    "django_q.Task.name": "a task's generated name (four random words)",
    "django_q.Success.name": "as django_q.Task.name",
    "django_q.Failure.name": "as django_q.Task.name",
    "django_q.Schedule.name": "the name of a scheduled job (portal:outbox-drain, …)",
}

# Run in this order, before the core deletes the account (which cascades to the person's
# learning records, presenter profile, e-mail addresses and second factors).
ERASERS = (
    learning_services.person_erase,
    declaration_services.person_erase,
    presenter_services.person_erase,
    portal_services.person_erase,
)


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the account and the person's data.

    Organisations the person ran alone go with them; an organisation with other admins
    stays. One whose other members have no admin must first get one (ValidationError,
    before anything is erased). What else is erased is the register above, and exactly what
    templates/registration/delete_account.html promises. The audit entry says that an
    account was deleted, never whose.
    """
    portal_services.user_delete_check(user=user)
    done = {}
    for erase in ERASERS:
        done.update(erase(user=user))
    done.update(portal_services.user_delete(user=user))
    audit("account.delete", anonymous=True, **done)
