"""Writes of the presenter registry. Every status change goes through `_record`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.email import send_templated_email
from portal.lib.transitions import transition_record, transitions
from portal.models import User
from presenters.models import Area, Kind, Material, Presenter, PresenterEvent, Status, TalkRequest

Action = PresenterEvent.Action
P, A, C, R, S, W = (
    Status.PENDING,
    Status.APPROVED,
    Status.CHANGES,
    Status.REJECTED,
    Status.SUSPENDED,
    Status.WITHDRAWN,
)

TRANSITIONS = transitions(
    (Action.CHANGED, {P, A, C, S}, None),
    (Action.APPROVED, {P, C, A}, A),  # from approved: the pending changes are looked at and published
    (Action.CHANGES_DECLINED, {A, S}, None),  # the pending changes are dropped; the approved stay
    (Action.REJECTED, {P, C}, R),
    (Action.CHANGES_REQUESTED, {P, A}, C),
    (Action.SUSPENDED, {A}, S),
    (Action.REINSTATED, {S}, A),
    (Action.WITHDRAWN, {P, A, C, S}, W),
    (Action.KIND_CHANGED, {P, A, C}, None),
)

# Fields whose change, on an approved profile, waits for staff before it is public.
PUBLISHED_FIELDS = [
    "name",
    "name_kana",
    "affiliation",
    "expertise",
    "expertise_other",
    "bio",
    "qualifications",
]


def _record(presenter: Presenter, action: str, *, actor: User | None, reason: str = "") -> None:
    transition_record(presenter, action, table=TRANSITIONS, event_model=PresenterEvent, actor=actor, reason=reason)


def _set_areas(presenter: Presenter, prefectures: list[str]) -> None:
    presenter.areas.exclude(prefecture__in=prefectures).delete()
    existing = set(presenter.areas.values_list("prefecture", flat=True))
    Area.objects.bulk_create(
        Area(presenter=presenter, prefecture=p) for p in prefectures if p not in existing
    )


@transaction.atomic
def presenter_apply(*, user: User, prefectures: list[str], **fields) -> Presenter:
    if Presenter.objects.filter(user=user).exists():
        raise ValidationError(_("既にプレゼンターとして登録されています。"))
    presenter = Presenter(user=user, status=Status.PENDING, charter_agreed_at=timezone.now(), **fields)
    presenter.full_clean()
    presenter.save()
    _set_areas(presenter, prefectures)
    PresenterEvent.objects.create(
        presenter=presenter, actor=user, action=Action.APPLIED, to_status=Status.PENDING
    )
    return presenter


# Statuses whose published fields were approved: changes to them wait for staff.
REVIEWED = {Status.APPROVED, Status.SUSPENDED}


def _set_pending(presenter: Presenter) -> None:
    """Keep only real changes pending, and the review flag in step with them."""
    presenter.pending_changes = {
        name: value for name, value in presenter.pending_changes.items() if getattr(presenter, name) != value
    }
    presenter.changes_to_review = bool(presenter.pending_changes)


@transaction.atomic
def presenter_update(*, presenter: Presenter, user: User, prefectures: list[str], **fields) -> Presenter:
    """Edit the profile. On an approved (or suspended) profile, changed published fields wait
    in `pending_changes` for staff: the approved text stays public until they approve."""
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    if presenter.status in REVIEWED:
        held = {name: fields.pop(name) for name in PUBLISHED_FIELDS if name in fields}
    else:  # not public: edits apply, and replace any older pending value
        held = {}
        presenter.pending_changes = {k: v for k, v in presenter.pending_changes.items() if k not in fields}
    for name, value in fields.items():
        setattr(presenter, name, value)
    presenter.full_clean()
    before = dict(presenter.pending_changes)
    presenter.pending_changes = {**presenter.pending_changes, **held}
    _set_pending(presenter)
    newly = sorted(name for name, value in presenter.pending_changes.items() if before.get(name) != value)
    if newly:
        _record(presenter, Action.CHANGED, actor=user, reason=", ".join(newly))
    else:
        presenter.save()
    _set_areas(presenter, prefectures)
    return presenter


@transaction.atomic
def presenter_switch_kind(*, presenter: Presenter, user: User) -> Presenter:
    """Switch between a public profile and materials only. Going public after approval is
    reviewed like an application (the profile stays hidden until staff approve); going to
    materials only hides the profile at once."""
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    requested = presenter.pending_changes.pop("kind", None) == Kind.PUBLIC
    if presenter.kind == Kind.PUBLIC:
        presenter.kind = Kind.MATERIALS_ONLY
    elif requested:
        pass  # the request to go public is taken back
    elif presenter.status in REVIEWED:
        presenter.pending_changes["kind"] = Kind.PUBLIC
    else:
        presenter.kind = Kind.PUBLIC  # not approved yet: the application's review covers it
    reason = str(Kind(presenter.pending_changes.get("kind", presenter.kind)).label)
    _set_pending(presenter)
    _record(presenter, Action.KIND_CHANGED, actor=user, reason=reason)
    return presenter


@transaction.atomic
def presenter_withdraw(*, presenter: Presenter, user: User) -> Presenter:
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    _record(presenter, Action.WITHDRAWN, actor=user)
    return presenter


STAFF_ACTIONS = {
    "approve": Action.APPROVED,
    "reject": Action.REJECTED,
    "decline_changes": Action.CHANGES_DECLINED,
    "changes": Action.CHANGES_REQUESTED,
    "suspend": Action.SUSPENDED,
    "reinstate": Action.REINSTATED,
}


@transaction.atomic
def presenter_review(*, presenter: Presenter, reviewer: User, action: str, reason: str) -> Presenter:
    """A staff decision, with its reason for anything but an approval; the applicant is told by
    e-mail."""
    if not reason.strip() and action != "approve":
        raise ValidationError(_("承認以外の操作には理由を入力してください。"))
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    if action == "approve":  # what staff saw is what goes public
        for name, value in presenter.pending_changes.items():
            setattr(presenter, name, value)
    if action in ("approve", "decline_changes", "reject"):
        presenter.pending_changes = {}
        presenter.changes_to_review = False
    presenter.review_note = reason if action in ("changes", "reject", "suspend", "decline_changes") else ""
    _record(presenter, STAFF_ACTIONS[action], actor=reviewer, reason=reason)
    send_templated_email(
        template="presenter_review",
        to=[presenter.contact_email],
        context={"presenter": presenter, "reason": reason, "status": presenter.get_status_display()},
        language=getattr(presenter.user, "language", None),
    )
    return presenter


def talk_request_send(*, presenter: Presenter, **fields) -> TalkRequest:
    """Record a talk request and pass it on by e-mail; the presenter's address stays hidden.

    The requester gets a copy, in the language they wrote in (the page's): a record of what
    they asked, and a sign that it went. The copy names the presenter, never their address.
    """
    with transaction.atomic():
        request = TalkRequest.objects.create(presenter=presenter, **fields)
        send_templated_email(
            template="talk_request",
            to=[presenter.contact_email],
            context={"presenter": presenter, "talk": request},
            language=getattr(presenter.user, "language", None),
        )
        send_templated_email(
            template="talk_request_copy",
            to=[request.requester_email],
            context={"presenter": presenter, "talk": request},
        )
    return request


def talk_requests_forget(*, email: str) -> int:
    """A person deleted their account: delete the talk requests they sent from that address."""
    deleted, _by_model = TalkRequest.objects.filter(requester_email__iexact=email).delete()
    return deleted


def material_count_download(*, material: Material) -> None:
    Material.objects.filter(pk=material.pk).update(downloads=F("downloads") + 1)


def person_erase(*, user: User) -> dict[str, int]:
    """Account deletion's part in presenters: the talk requests `user` sent are deleted (their
    own profile goes with the account). console.erasure runs every service's eraser."""
    return {"talk_requests_deleted": talk_requests_forget(email=user.email)}
