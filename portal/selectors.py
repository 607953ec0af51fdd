"""Reads of the core: what it keeps about a person or an organisation, for their exports.

console.privacy joins these with every service's part (each service's `personal_data` and
`organisation_data` selectors).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.usersessions.models import UserSession
from django.db.models import Q

from portal.lib import oidc
from portal.lib.json_export import rows
from portal.lib.oidc import Claims, claims_from
from portal.models import AuditEntry, CorporateRecord, Invitation, Organisation, OutboxMessage, User


def personal_data(user: User) -> dict:
    """The core's records about `user`: the account, their audit entries, mail to them,
    invitations to their address and their memberships."""
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "full_name_kana": user.full_name_kana,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": rows(EmailAddress.objects.filter(user=user), "email", "verified", "primary"),
            "sessions": rows(
                UserSession.objects.filter(user=user).order_by("created_at"), "created_at", "ip", "user_agent"
            ),
            "second_factors": rows(
                Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"
            ),
            # GビズID and other providers: the claims they sent are in the account's extra_data.
            "connected_accounts": rows(
                SocialAccount.objects.filter(user=user), "provider", "uid", "date_joined", "last_login", "extra_data"
            ),
        },
        # What portal.services.person_erase clears or deletes when the account is deleted.
        "audit_log": rows(
            AuditEntry.objects.filter(actor=user).order_by("created_at"),
            "created_at",
            "action",
            "target",
            "actor_email",
            "ip_address",
        ),
        "mail_to_you": [
            {"subject": subject, "created_at": created, "status": status}
            for subject, created, status, to in OutboxMessage.objects.filter(to__icontains=user.email)
            .order_by("created_at")
            .values_list("subject", "created_at", "status", "to")
            if any(str(address).lower() == user.email.lower() for address in to or [])
        ],
        "invitations_to_you": rows(
            Invitation.objects.filter(email__iexact=user.email),
            "organisation__name",
            "email",
            "role",
            "created_at",
        ),
        "memberships": rows(
            user.memberships.select_related("organisation"), "organisation__name", "role", "created_at"
        ),
    }


def organisation_data(organisation: Organisation) -> dict:
    """The core's records of an organisation: its details and its members."""
    return {
        "organisation": rows(
            Organisation.objects.filter(pk=organisation.pk),
            "name",
            "name_kana",
            "corporate_number",
            "is_sole_proprietor",
            "prefecture",
            "address",
            "industry",
            "size_band",
            "website",
            "exclude_from_statistics",
            "created_at",
        )[0],
        "members": rows(
            organisation.memberships.select_related("user"), "user__email", "user__full_name", "role"
        ),
    }


# --- 法人番号 look-up -----------------------------------------------------------------------

CORPORATE_SUGGESTIONS = 10
# Matches read before they are sorted: enough to put the best ten first, few enough that a
# common word (株式会社) stops the index scan early instead of sorting a million rows.
_CORPORATE_CANDIDATES = 50


def corporate_record(number: str) -> CorporateRecord | None:
    """The register's record of a (valid) 法人番号, unless the NTA deleted it or excludes it from
    search. A closed corporation is returned, with its close date."""
    return CorporateRecord.objects.filter(number=number, hidden=False).first()


def corporate_records_named(name: str) -> list[CorporateRecord]:
    """Up to ten open corporations whose name contains `name`: those starting with it first,
    then the shorter names (the closer matches), then in name order."""
    name = name.strip()
    candidates = CorporateRecord.objects.filter(
        name__icontains=name, hidden=False, closed_on__isnull=True
    ).only("number", "name", "prefecture", "city")[:_CORPORATE_CANDIDATES]
    folded = name.upper()
    return sorted(
        candidates, key=lambda r: (not r.name.upper().startswith(folded), len(r.name), r.name, r.number)
    )[:CORPORATE_SUGGESTIONS]


def pending_verified_claims(user) -> Claims | None:
    """The claims of the person's latest provider sign-in when they carry a 法人番号 that no
    organisation has yet, verified or the person's own: the organisation form is then pre-filled
    from them. (An organisation that has the number is linked at sign-in instead:
    services.organisation_link_from_claims.)"""
    if not user.is_authenticated or not oidc.providers():
        return None
    ids = [provider["id"] for provider in oidc.providers()]
    for account in SocialAccount.objects.filter(user=user, provider__in=ids).order_by("-last_login", "-pk"):
        claims = claims_from(account.provider, account.extra_data or {})
        if claims is None or not claims.verifies_organisation:
            continue
        linked = Organisation.objects.filter(corporate_number=claims.corporate_number).filter(
            Q(verified_at__isnull=False) | Q(memberships__user=user)
        )
        return None if linked.exists() else claims
    return None


def provider_connected(user) -> bool:
    """Whether the person has connected a configured OpenID Connect provider (GビズID)."""
    ids = [provider["id"] for provider in oidc.providers()]
    return bool(ids) and SocialAccount.objects.filter(user=user, provider__in=ids).exists()


# --- What the staff console reads about organisations (console/views/organisations.py) ----


def corporate_number_collisions():
    """Unverified organisations superseded by a verified one with the same 法人番号, newest first."""
    return (
        Organisation.objects.filter(superseded_by__isnull=False)
        .select_related("superseded_by")
        .order_by("-superseded_at", "-pk")
    )


def organisations_for_verification(q: str):
    """Organisations by a name fragment or an exact 法人番号 (every one when `q` is empty)."""
    organisations = Organisation.objects.select_related("superseded_by")
    if q:
        organisations = organisations.filter(Q(name__icontains=q) | Q(corporate_number=q))
    return organisations.order_by("name", "pk")


def organisations_sharing_number(organisation: Organisation) -> list[Organisation]:
    if not organisation.corporate_number:
        return []
    return list(
        Organisation.objects.filter(corporate_number=organisation.corporate_number)
        .exclude(pk=organisation.pk)
        .order_by("pk")
    )
