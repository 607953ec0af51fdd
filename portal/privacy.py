"""What the portal holds about a person or an organisation, as downloadable JSON.

This module reads every service's models on purpose: a data export has to be complete.
It writes nothing.
"""

from django.core.serializers.json import DjangoJSONEncoder

TALK_REQUEST_FIELDS = ["organisation_name", "requester_name", "requester_email", "date_wish", "topic", "created_at"]


def _rows(queryset, *fields):
    return [dict(zip(fields, values, strict=True)) for values in queryset.values_list(*fields)]


def personal_data(user) -> dict:
    """Everything stored about `user` themselves (not their organisations' shared records)."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from declaration.models import Declaration
    from diagnosis.models import Assessment
    from learning.models import Attempt, Certificate, Progress
    from portal.models import AuditEntry, Invitation, OutboxMessage
    from presenters.models import ActivityReport, Presenter, TalkRequest

    presenter = Presenter.objects.filter(user=user).first()
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "full_name_kana": user.full_name_kana,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "email_addresses": _rows(EmailAddress.objects.filter(user=user), "email", "verified", "primary"),
            "sessions": _rows(
                UserSession.objects.filter(user=user).order_by("created_at"), "created_at", "ip", "user_agent"
            ),
            "second_factors": _rows(Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"),
        },
        # What portal.erasure clears or deletes when the account is deleted (its register).
        "audit_log": _rows(
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
        "invitations_to_you": _rows(
            Invitation.objects.filter(email__iexact=user.email),
            "organisation__name",
            "email",
            "role",
            "created_at",
        ),
        "declaration_contacts": _rows(
            Declaration.objects.filter(contact_email__iexact=user.email),
            "declaration_id",
            "organisation_name",
            "contact_name",
            "contact_department",
            "contact_email",
            "contact_phone",
        ),
        "talk_requests_sent": _rows(
            TalkRequest.objects.filter(requester_email__iexact=user.email), *TALK_REQUEST_FIELDS
        ),
        "memberships": _rows(
            user.memberships.select_related("organisation"), "organisation__name", "role", "created_at"
        ),
        "diagnosis_results_submitted": _rows(
            Assessment.objects.filter(created_by=user),
            "uuid",
            "organisation__name",
            "status",
            "total_score",
            "completed_at",
        ),
        "learning": {
            "attempts": _rows(
                Attempt.objects.filter(user=user), "theme__number", "correct", "total", "passed", "created_at"
            ),
            "progress": _rows(
                Progress.objects.filter(user=user), "theme__number", "attempts", "best_correct", "passed_at"
            ),
            "certificates": _rows(
                Certificate.objects.filter(user=user),
                "theme__number",
                "name_printed",
                "completed_on",
                "revoked_at",
            ),
        },
        "presenter": None
        if presenter is None
        else {
            "profile": _rows(
                Presenter.objects.filter(pk=presenter.pk),
                "kind",
                "status",
                "name",
                "name_kana",
                "nationwide",
                "affiliation",
                "expertise",
                "bio",
                "qualifications",
                "contact_email",
                "postal_address",
                "created_at",
            )[0],
            "pending_changes": presenter.pending_changes,
            "areas": list(presenter.areas.values_list("prefecture", flat=True)),
            "activity_reports": _rows(
                ActivityReport.objects.filter(presenter=presenter),
                "held_on",
                "prefecture",
                "audience_type",
                "audience_size",
                "topics",
            ),
            "talk_requests_received": _rows(TalkRequest.objects.filter(presenter=presenter), *TALK_REQUEST_FIELDS),
        },
    }


def organisation_data(organisation) -> dict:
    """An organisation's records, for its admins."""
    from declaration.models import Declaration, PolicyVersion, ReviewEvent
    from diagnosis.models import Assessment

    return {
        "organisation": _rows(
            type(organisation).objects.filter(pk=organisation.pk),
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
        "members": _rows(
            organisation.memberships.select_related("user"), "user__email", "user__full_name", "role"
        ),
        "diagnosis_results": _rows(
            Assessment.objects.filter(organisation=organisation),
            "uuid",
            "status",
            "questionnaire__version",
            "answers",
            "total_score",
            "part_scores",
            "completed_at",
        ),
        "declarations": _rows(
            Declaration.objects.filter(organisation=organisation),
            "declaration_id",
            "stars",
            "status",
            "declared_on",
            "contact_name",
            "contact_email",
            "contact_phone",
            "purpose",
            "policy_url",
        ),
        "declaration_events": _rows(
            ReviewEvent.objects.filter(declaration__organisation=organisation),
            "declaration__declaration_id",
            "action",
            "from_status",
            "to_status",
            "reason",
            "created_at",
        ),
        "policy_versions": _rows(
            PolicyVersion.objects.filter(policy__organisation=organisation),
            "number",
            "title",
            "preamble",
            "sections",
            "closing",
            "created_at",
        ),
    }


ENCODER = DjangoJSONEncoder
