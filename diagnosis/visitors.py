"""Results of people who took the diagnosis without an organisation, kept in their session.

An anonymous result is reached through the list of its UUIDs in the visitor's session. When the
visitor signs up, the results in that list are put in the new account's name (`created_by`, still
without an organisation), so that they survive a session that ends before the result is saved:
the verification mail opened on another device, a browser closed after signing up. Logging in
brings them back into the session (diagnosis/receivers.py).
"""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from diagnosis.models import Assessment, Status

# Anonymous visitors reach their own results through this list in their session.
SESSION_RESULTS = "diagnosis_results"
# The key the take page's script sent with the last result completed in this session: the
# browser's stored answers of that submission can then be cleared (static/diagnosis/js/take.js).
SESSION_SUBMITTED = "diagnosis_submitted"
# A result put in an account's name but never saved is offered again at login for this long.
UNSAVED_OFFERED_FOR = timedelta(days=30)


def remember(request: HttpRequest, assessment: Assessment) -> None:
    uuid = str(assessment.uuid)
    mine = [uuid] + [known for known in request.session.get(SESSION_RESULTS, []) if known != uuid]
    request.session[SESSION_RESULTS] = mine[:20]


def in_session(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_RESULTS, []))


def unsaved_results_for(user) -> list[Assessment]:
    """The user's recent results that are in no organisation yet, newest first (a read: the
    signed-in home may list them too)."""
    if not user.is_authenticated:
        return []
    return list(
        Assessment.objects.filter(
            created_by=user,
            organisation__isnull=True,
            status=Status.COMPLETED,
            completed_at__gte=timezone.now() - UNSAVED_OFFERED_FOR,
        ).order_by("-completed_at")[:5]
    )
