"""Writes of SECURITY ACTION: declarations and their review, basic policies.

Every change of a declaration goes through `_record`, which checks the transition table
and writes an immutable ReviewEvent in the same transaction.
"""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from declaration.ids import format_declaration_id
from declaration.models import (
    CURRENT_STATUSES,
    Declaration,
    IdCounter,
    Policy,
    PolicyVersion,
    ReconfirmationReminder,
    Review,
    ReviewEvent,
    Stars,
    Status,
)
from diagnosis.selectors import latest_completed_assessment
from portal.lib.email import current_language, send_templated_email
from portal.lib.fragments import retire_organisations
from portal.lib.transitions import transition_record, transitions
from portal.models import Organisation, User

Action = ReviewEvent.Action
P, A, S, L, W = Status.PENDING, Status.ACTIVE, Status.SUSPENDED, Status.LAPSED, Status.WITHDRAWN

TRANSITIONS = transitions(
    (Action.UPGRADED, {A}, None),
    (Action.CHANGED, {P, A, S, L}, None),
    (Action.CONFIRMED, {P, A}, A),
    (Action.CORRECTION_REQUESTED, {P, A}, None),
    (Action.SUSPENDED, {A, L}, S),
    (Action.REINSTATED, {S}, A),
    (Action.WITHDRAWN, {P, A, S, L}, W),
    (Action.REMINDED, {A}, None),
    (Action.LAPSED, {A}, L),
    (Action.RECONFIRMED, {A, L}, A),
)


def _record(declaration: Declaration, action: str, *, actor: User | None, reason: str = "") -> str:
    """Check `action` against the table, move the declaration, write the event. Returns the old status."""
    return transition_record(
        declaration,
        action,
        table=TRANSITIONS,
        event_model=ReviewEvent,
        actor=actor,
        reason=reason,
        target=declaration.declaration_id or "",
    )


def _issue_id() -> str:
    counter, _created = IdCounter.objects.select_for_update().get_or_create(pk=1)
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return format_declaration_id(counter.last_serial)


def _issue(declaration: Declaration) -> None:
    if declaration.declaration_id is None:
        declaration.declaration_id = _issue_id()
        declaration.declared_on = timezone.localdate()
        declaration.reconfirm_by = reconfirm_due(declaration.declared_on)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def reconfirm_due(start: date) -> date | None:
    """When a declaration issued or re-confirmed on `start` is due again (None: turned off)."""
    months = settings.DECLARATION_RECONFIRM_MONTHS
    return add_months(start, months) if months else None


def _notify(declaration: Declaration, template: str, **context) -> None:
    send_templated_email(
        template=f"declaration_{template}",
        to=[declaration.contact_email],
        context={"declaration": declaration, **context},
        language=declaration.language,
    )


def accepts_as_evidence(assessment) -> bool:
    """Whether a completed self-diagnosis is recent enough to support a ★★."""
    oldest = timezone.now() - timedelta(days=settings.DECLARATION_DIAGNOSIS_MAX_AGE_DAYS)
    return assessment is not None and assessment.completed_at >= oldest


def two_star_evidence(
    *, organisation: Organisation, use_portal_policy: bool, policy_url: str
) -> tuple[object, Policy | None, str]:
    """The recent self-diagnosis and the published policy a ★★ needs, or ValidationError."""
    errors = {}
    assessment = latest_completed_assessment(organisation)
    if not accepts_as_evidence(assessment):
        errors["stars"] = _("二つ星には、この組織の12か月以内の自社診断の結果が必要です。")
    policy = None
    if use_portal_policy:
        policy = Policy.objects.filter(organisation=organisation, published_at__isnull=False).first()
        if policy is None:
            errors["policy_source"] = _(
                "ポータルで作成した基本方針が公開されていません。先に公開してください。"
            )
        policy_url = ""
    elif not policy_url.startswith("https://"):
        errors["policy_url"] = _("公開している基本方針のURLを https:// で始まる形で入力してください。")
    if errors:
        raise ValidationError(errors)
    return assessment, policy, policy_url


def may_declare(organisation: Organisation) -> bool:
    """With DECLARATION_REQUIRES_VERIFIED_ORGANISATION (a GビズID-backed deployment), only an
    organisation verified through the provider or by staff may declare."""
    return organisation.is_verified or not settings.DECLARATION_REQUIRES_VERIFIED_ORGANISATION


@transaction.atomic
def declaration_submit(
    *,
    organisation: Organisation,
    user: User,
    stars: int,
    contact: dict,
    purpose: str,
    purpose_other: str = "",
    use_portal_policy: bool = False,
    policy_url: str = "",
) -> Declaration:
    """Declare ★ or ★★ for an organisation. The ID is issued at once unless ★★ waits for review."""
    if not may_declare(organisation):
        raise ValidationError(_("この組織は本人確認されていないため、自己宣言できません。"))
    declaration = Declaration(
        organisation=organisation,
        stars=stars,
        purpose=purpose,
        purpose_other=purpose_other,
        language=current_language(),
        **contact,
    )
    declaration.copy_organisation(organisation)
    if stars == Stars.TWO:
        declaration.assessment, declaration.policy, declaration.policy_url = two_star_evidence(
            organisation=organisation, use_portal_policy=use_portal_policy, policy_url=policy_url
        )
    waits = stars == Stars.TWO and settings.DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS
    declaration.status = Status.PENDING if waits else Status.ACTIVE
    if not waits:
        _issue(declaration)
    declaration.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError:
        raise ValidationError(_("この組織には既に自己宣言があります。マイページから変更できます。")) from None
    ReviewEvent.objects.create(
        declaration=declaration,
        actor=user,
        action=Action.SUBMITTED,
        from_status="",
        to_status=declaration.status,
    )
    if declaration.status == Status.ACTIVE:
        _notify(declaration, "confirmed")
    return declaration


@transaction.atomic
def declaration_upgrade(
    *, declaration: Declaration, user: User, use_portal_policy: bool, policy_url: str
) -> Declaration:
    """★ → ★★ with the same ID (or a request for it, while ★★ waits for review)."""
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if declaration.stars == Stars.TWO or declaration.requested_stars:
        raise ValidationError(_("既に二つ星か、二つ星への変更を申請中です。"))
    declaration.assessment, declaration.policy, declaration.policy_url = two_star_evidence(
        organisation=declaration.organisation, use_portal_policy=use_portal_policy, policy_url=policy_url
    )
    if settings.DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS:
        declaration.requested_stars = Stars.TWO
    else:
        declaration.stars = Stars.TWO
    declaration.review = Review.NEEDED
    _record(declaration, Action.UPGRADED, actor=user)
    return declaration


@transaction.atomic
def declaration_change(*, declaration: Declaration, user: User, contact: dict) -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    for name, value in contact.items():
        setattr(declaration, name, value)
    declaration.review = Review.NEEDED
    declaration.correction_request = ""
    _record(declaration, Action.CHANGED, actor=user)
    return declaration


@transaction.atomic
def contacts_forget(*, email: str) -> int:
    """A person deleted their account: clear their contact details from declarations that
    name them as the contact (the organisation's admins name a new contact). Returns how many."""
    naming = Declaration.objects.filter(contact_email__iexact=email)
    retire_organisations(naming.values_list("organisation_id", flat=True))  # pages that show them
    return naming.update(contact_name="", contact_department="", contact_email="", contact_phone="")


@transaction.atomic
def declaration_withdraw(*, declaration: Declaration, user: User, reason: str = "") -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    _record(declaration, Action.WITHDRAWN, actor=user, reason=reason)
    _notify(declaration, "withdrawn")
    return declaration


# --- Yearly re-confirmation ---------------------------------------------------------------


def reconfirmation_opens(declaration: Declaration) -> date | None:
    """The first day the declaration may be re-confirmed: when the first reminder goes out."""
    if declaration.reconfirm_by is None:
        return None
    return declaration.reconfirm_by - timedelta(days=max(settings.DECLARATION_RECONFIRM_REMINDER_DAYS))


def reconfirmation_open(declaration: Declaration, today: date | None = None) -> bool:
    """Whether the declaration may be re-confirmed today: once lapsed, or active from the first
    reminder on; never pending, suspended or withdrawn."""
    opens = reconfirmation_opens(declaration)
    if opens is None or declaration.status not in (Status.ACTIVE, Status.LAPSED):
        return False
    return declaration.status == Status.LAPSED or opens <= (today or timezone.localdate())


@transaction.atomic
def declaration_reconfirm(
    *,
    declaration: Declaration,
    user: User,
    use_portal_policy: bool = False,
    policy_url: str = "",
    today: date | None = None,
) -> Declaration:
    """Pledge again (★★: with a diagnosis of the last 12 months and the policy still published).

    The ID stays; a lapsed declaration is active again at once. The next due date counts from
    the old one when re-confirmed in time (nobody loses days by answering the first reminder),
    else from today.
    """
    today = today or timezone.localdate()
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    if not reconfirmation_open(declaration, today):
        raise ValidationError(_("再確認は期限の30日前から行えます。"), code="not_yet")
    if declaration.stars == Stars.TWO:
        declaration.assessment, declaration.policy, declaration.policy_url = two_star_evidence(
            organisation=declaration.organisation, use_portal_policy=use_portal_policy, policy_url=policy_url
        )
    declaration.reconfirmed_on = today
    declaration.reconfirm_by = reconfirm_due(max(today, declaration.reconfirm_by))
    _record(declaration, Action.RECONFIRMED, actor=user)
    _notify(declaration, "reconfirmed")
    return declaration


def _reminder_windows() -> list[tuple[int, int]]:
    """(days before, the next reminder's days) from the furthest: (30, 7), (7, 0). A due date
    falls in one window, so a declaration found late (the job did not run for a while) gets
    the reminder that fits, not every earlier one at once."""
    days = sorted(settings.DECLARATION_RECONFIRM_REMINDER_DAYS, reverse=True)
    return list(zip(days, [*days[1:], 0], strict=True))


def reconfirmation_remind(*, today: date | None = None) -> int:
    """Send the reminders that are due, each once per due date. Returns how many went out."""
    if not settings.DECLARATION_RECONFIRM_MONTHS:
        return 0
    today = today or timezone.localdate()
    sent = 0
    for days, next_days in _reminder_windows():
        window = Q(
            status=Status.ACTIVE,
            reconfirm_by__gt=today + timedelta(days=next_days),
            reconfirm_by__lte=today + timedelta(days=days),
        )
        sent_already = ReconfirmationReminder.objects.filter(
            declaration=OuterRef("pk"), due_on=OuterRef("reconfirm_by"), days_before=days
        )
        due = Declaration.objects.filter(window).exclude(Exists(sent_already))
        for pk in due.values_list("pk", flat=True).iterator():
            sent += _remind(pk, window, days=days)
    return sent


@transaction.atomic
def _remind(pk: int, window: Q, *, days: int) -> bool:
    declaration = Declaration.objects.select_for_update().filter(window, pk=pk).first()
    if declaration is None:  # re-confirmed, withdrawn or changed since the list was read
        return False
    try:
        with transaction.atomic():  # another worker sent it since the list was read
            ReconfirmationReminder.objects.create(declaration=declaration, due_on=declaration.reconfirm_by, days_before=days)
    except IntegrityError:
        return False
    _record(declaration, Action.REMINDED, actor=None)
    _notify(declaration, "reconfirm_reminder", days=days, grace_days=settings.DECLARATION_RECONFIRM_GRACE_DAYS)
    return True


def reconfirmation_lapse(*, today: date | None = None) -> int:
    """Active declarations past their due date and the grace period show 要再確認."""
    if not settings.DECLARATION_RECONFIRM_MONTHS:
        return 0
    today = today or timezone.localdate()
    overdue = Q(
        status=Status.ACTIVE,
        reconfirm_by__lt=today - timedelta(days=settings.DECLARATION_RECONFIRM_GRACE_DAYS),
    )
    pks = Declaration.objects.filter(overdue).values_list("pk", flat=True)
    return sum(_lapse(pk, overdue) for pk in pks.iterator())


@transaction.atomic
def _lapse(pk: int, overdue: Q) -> bool:
    declaration = Declaration.objects.select_for_update().filter(overdue, pk=pk).first()
    if declaration is None:  # re-confirmed or changed since the list was read
        return False
    _record(declaration, Action.LAPSED, actor=None)
    _notify(declaration, "lapsed")
    return True


# --- Staff review ------------------------------------------------------------------------


@transaction.atomic
def declaration_confirm(*, declaration: Declaration, reviewer: User, reason: str = "") -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    issuing = declaration.status == Status.PENDING
    if issuing:
        _issue(declaration)
    if declaration.requested_stars:
        declaration.stars, declaration.requested_stars = declaration.requested_stars, None
    declaration.review = Review.DONE
    declaration.correction_request = ""
    _record(declaration, Action.CONFIRMED, actor=reviewer, reason=reason)
    if issuing:
        _notify(declaration, "confirmed")
    return declaration


@transaction.atomic
def declaration_request_correction(*, declaration: Declaration, reviewer: User, reason: str) -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    declaration.review = Review.CORRECTION
    declaration.correction_request = reason
    _record(declaration, Action.CORRECTION_REQUESTED, actor=reviewer, reason=reason)
    _notify(declaration, "correction", reason=reason)
    return declaration


@transaction.atomic
def declaration_suspend(*, declaration: Declaration, reviewer: User, reason: str) -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    _record(declaration, Action.SUSPENDED, actor=reviewer, reason=reason)
    _notify(declaration, "suspended", reason=reason)
    return declaration


@transaction.atomic
def declaration_reinstate(*, declaration: Declaration, reviewer: User, reason: str) -> Declaration:
    declaration = Declaration.objects.select_for_update().get(pk=declaration.pk)
    declaration.review = Review.DONE
    _record(declaration, Action.REINSTATED, actor=reviewer, reason=reason)
    _notify(declaration, "reinstated", reason=reason)
    return declaration


# --- Basic policy ---------------------------------------------------------------------


@transaction.atomic
def policy_save(
    *, organisation: Organisation, user: User, title: str, preamble: str, sections: list[dict], closing: str
) -> PolicyVersion:
    """Save a new version of the organisation's policy (the policy is created the first time)."""
    policy, _created = Policy.objects.get_or_create(organisation=organisation)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    latest = policy.versions.first()
    return PolicyVersion.objects.create(
        policy=policy,
        number=(latest.number + 1) if latest else 1,
        title=title,
        preamble=preamble,
        sections=sections,
        closing=closing,
        created_by=user,
    )


@transaction.atomic
def policy_publish(*, policy: Policy, publish: bool) -> Policy:
    """Publish the latest saved version (saved versions are drafts until then), or stop
    publishing. A policy that a current ★★ declaration rests on cannot be unpublished: the
    declaration would claim evidence that is gone."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if publish:
        latest = policy.versions.first()
        if latest is None:
            raise ValidationError(_("公開する前に、基本方針を保存してください。"))
        policy.published_version = latest
        policy.published_at = policy.published_at or timezone.now()
    else:
        resting = Declaration.objects.filter(
            policy=policy, stars=Stars.TWO, status__in=CURRENT_STATUSES
        ).first()
        if resting is not None:
            raise ValidationError(
                _(
                    "この基本方針は、二つ星（★★）の自己宣言（%(id)s）の根拠として公開が必要なため、"
                    "公開を停止できません。停止するには、先に自己宣言を取り下げてください（取り下げた後、"
                    "一つ星（★）で宣言し直せます）。内容を変えたいときは、編集して保存し、もう一度公開してください。"
                )
                % {"id": resting.declaration_id or _("審査中")}
            )
        policy.published_at = None
        policy.published_version = None
    policy.save(update_fields=["published_at", "published_version", "updated_at"])
    return policy


def person_erase(*, user: User) -> dict[str, int]:
    """Account deletion's part in the declarations: the ones naming `user` as contact lose
    the contact (console.erasure runs every service's eraser in one transaction)."""
    return {"declaration_contacts_cleared": contacts_forget(email=user.email)}
