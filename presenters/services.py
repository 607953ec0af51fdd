"""Writes of the presenter registry. Every status change goes through `_record`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.lib.email import send_templated_email
from portal.lib.transitions import transitions
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
    (Action.CHANGED, {P, A, C}, None),
    (Action.APPROVED, {P, C, A}, A),  # from approved: the changed profile is looked at and fine
    (Action.REJECTED, {P, C}, R),
    (Action.CHANGES_REQUESTED, {P, A}, C),
    (Action.SUSPENDED, {A}, S),
    (Action.REINSTATED, {S}, A),
    (Action.WITHDRAWN, {P, A, C, S}, W),
    (Action.KIND_CHANGED, {P, A, C}, None),
)

# Fields whose change, on an approved public profile, staff look at again.
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
    before = presenter.status
    presenter.status = TRANSITIONS[action].check(before)
    presenter.save()
    PresenterEvent.objects.create(
        presenter=presenter,
        actor=actor,
        action=action,
        from_status=before,
        to_status=presenter.status,
        reason=reason,
    )


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


@transaction.atomic
def presenter_update(*, presenter: Presenter, user: User, prefectures: list[str], **fields) -> Presenter:
    """Edit the profile. Changing published fields of an approved profile flags it for staff."""
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    changed = [
        name for name in PUBLISHED_FIELDS if name in fields and getattr(presenter, name) != fields[name]
    ]
    for name, value in fields.items():
        setattr(presenter, name, value)
    presenter.full_clean()
    if changed and presenter.status == Status.APPROVED:
        presenter.changes_to_review = True
        _record(presenter, Action.CHANGED, actor=user, reason=", ".join(changed))
    else:
        presenter.save()
    _set_areas(presenter, prefectures)
    return presenter


@transaction.atomic
def presenter_switch_kind(*, presenter: Presenter, user: User) -> Presenter:
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    presenter.kind = Kind.MATERIALS_ONLY if presenter.kind == Kind.PUBLIC else Kind.PUBLIC
    _record(presenter, Action.KIND_CHANGED, actor=user, reason=presenter.get_kind_display())
    return presenter


@transaction.atomic
def presenter_withdraw(*, presenter: Presenter, user: User) -> Presenter:
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    _record(presenter, Action.WITHDRAWN, actor=user)
    return presenter


STAFF_ACTIONS = {
    "approve": Action.APPROVED,
    "reject": Action.REJECTED,
    "changes": Action.CHANGES_REQUESTED,
    "suspend": Action.SUSPENDED,
    "reinstate": Action.REINSTATED,
}


@transaction.atomic
def presenter_review(*, presenter: Presenter, reviewer: User, action: str, reason: str) -> Presenter:
    """A staff decision with its reason; the applicant is told by e-mail."""
    if not reason.strip():
        raise ValidationError(_("理由を入力してください。"))
    presenter = Presenter.objects.select_for_update().get(pk=presenter.pk)
    presenter.changes_to_review = False
    presenter.review_note = reason if action in ("changes", "reject", "suspend") else ""
    _record(presenter, STAFF_ACTIONS[action], actor=reviewer, reason=reason)
    send_templated_email(
        template="presenter_review",
        to=[presenter.contact_email],
        context={"presenter": presenter, "reason": reason, "status": presenter.get_status_display()},
        language=getattr(presenter.user, "language", None),
    )
    return presenter


def talk_request_send(*, presenter: Presenter, **fields) -> TalkRequest:
    """Record a talk request and pass it on by e-mail; the presenter's address stays hidden."""
    with transaction.atomic():
        request = TalkRequest.objects.create(presenter=presenter, **fields)
        send_templated_email(
            template="talk_request",
            to=[presenter.contact_email],
            context={"presenter": presenter, "talk": request},
            language=getattr(presenter.user, "language", None),
        )
    return request


def talk_requests_forget(*, email: str) -> int:
    """A person deleted their account: delete the talk requests they sent from that address."""
    deleted, _by_model = TalkRequest.objects.filter(requester_email__iexact=email).delete()
    return deleted


def material_count_download(*, material: Material) -> None:
    Material.objects.filter(pk=material.pk).update(downloads=F("downloads") + 1)
