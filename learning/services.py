"""Writes of point learning: attempts, progress, certificates."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learning.models import Attempt, Certificate, Progress, Question, RevocationRequest, Theme
from portal.lib.accounts import organisations
from portal.lib.audit import audit
from portal.lib.fragments import retire, teams_names
from portal.lib.pdf import kept_delete
from portal.lib.queries import insert, writes_in_with
from portal.lib.tasks import later
from portal.models import Membership, User


@dataclass
class Graded:
    """A marked quiz: per question, the learner's choice and the right one."""

    rows: list[tuple[Question, object, object]]  # (question, chosen choice, correct choice)

    @property
    def correct(self) -> int:
        return sum(1 for _q, chosen, right in self.rows if chosen.pk == right.pk)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def passed(self) -> bool:
        return self.correct == self.total

    def answers(self) -> dict[str, int]:
        return {str(question.pk): chosen.pk for question, chosen, _right in self.rows}


def quiz_grade(*, questions: list[Question], answers: dict[int, int]) -> Graded:
    """Mark answers (question id → choice id). Every question needs one of its own choices."""
    rows = []
    for question in questions:
        choices = {choice.pk: choice for choice in question.choices.all()}
        chosen = choices.get(answers.get(question.pk))
        if chosen is None:
            raise ValidationError(_("すべての問題に、その問題の選択肢から回答してください。"))
        rows.append((question, chosen, next(c for c in choices.values() if c.is_correct)))
    return Graded(rows)


def attempt_record(*, user: User, theme: Theme, graded: Graded) -> tuple[Attempt, list[Certificate]]:
    """Store an attempt, update the learner's progress, and issue the certificates it earns."""
    attempt = Attempt(
        user=user,
        theme=theme,
        answers=graded.answers(),
        correct=graded.correct,
        total=graded.total,
        passed=graded.passed,
    )
    if writes_in_with() and _recorded_and_counted(attempt, graded):
        return attempt, []
    return _attempt_record(attempt, graded)


def _recorded_and_counted(attempt: Attempt, graded: Graded) -> bool:
    """Write an attempt that can issue nothing, with its count in the learner's progress row
    (`_progress_counted`), in one statement: in autocommit, one round trip to PostgreSQL and a
    transaction of its own, where `_attempt_record` takes four (BEGIN, the attempt, the count,
    COMMIT). On a busy app server a quiz's waits for round trips cost more than its statements
    (README "Load"). False, and nothing written, when the attempt may issue a certificate or the
    learner has no progress row yet: `_attempt_record` then writes both under the row's lock."""
    count, params = _count(user=attempt.user, theme=attempt.theme, graded=graded)
    if insert(attempt, within=_RECORDED_IF_COUNTED[count], params=params) is None:
        return False
    _progress_retire(attempt.user)
    return True


@transaction.atomic
def _attempt_record(attempt: Attempt, graded: Graded) -> tuple[Attempt, list[Certificate]]:
    """The attempt and its count in one transaction: one UPDATE where that can count it (on
    SQLite; on PostgreSQL only when the row changed since `_recorded_and_counted` looked), else
    under the progress row's lock, issuing what a first pass earns."""
    user, theme = attempt.user, attempt.theme
    insert(attempt)
    if _progress_counted(user=user, theme=theme, graded=graded):
        return attempt, []
    progress, _created = Progress.objects.select_for_update().get_or_create(user=user, theme=theme)
    progress.attempts += 1
    progress.best_correct = max(progress.best_correct, graded.correct)
    progress.total = graded.total
    issued = []
    if graded.passed and progress.passed_at is None:
        progress.passed_at = attempt.created_at
        issued.append(_certificate_issue(user=user, theme=theme))
        # Every theme in use, counted now: a retired theme is no longer asked of anyone.
        themes_in_use = Theme.objects.filter(retired_at__isnull=True)
        passed_themes = (
            Progress.objects.filter(user=user, passed_at__isnull=False, theme__in=themes_in_use)
            .exclude(pk=progress.pk)
            .count()
            + 1
        )
        if passed_themes == themes_in_use.count():
            issued.append(_certificate_issue(user=user, theme=None))
    progress.save()
    return attempt, [certificate for certificate in issued if certificate is not None]


def _progress_counted(*, user: User, theme: Theme, graded: Graded) -> bool:
    """Count an attempt that can issue nothing (a fail, or a pass of a theme passed before) in
    one UPDATE of the learner's progress row, if they have one: no read, no lock. Their pages
    and their teams' are retired here, as the row's save would (an UPDATE sends no signal).

    The statement is written out: built by the ORM (`filter(…).update(attempts=F(…) + 1,
    best_correct=Greatest(…))`) it cost 0.7 ms more of the app server's CPU, a tenth of a
    quiz's (README "Load")."""
    with connection.cursor() as cursor:
        cursor.execute(*_count(user=user, theme=theme, graded=graded))
        counted = cursor.rowcount
    if counted:
        _progress_retire(user)
    return bool(counted)


def _count(*, user: User, theme: Theme, graded: Graded) -> tuple[str, list]:
    """The UPDATE that counts an attempt that can issue nothing, and its parameters."""
    statement = _COUNT_A_PASS_AGAIN if graded.passed else _COUNT_AN_ATTEMPT
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return statement, [graded.correct, graded.correct, graded.total, now, user.pk, theme.pk]


def _progress_retire(user: User) -> None:
    """What a save of the learner's progress row retires (learning.receivers), for the writes
    of it that send no signal."""
    retire(teams_names([user.pk], organisations=[organisation.pk for organisation in organisations(user)]))


# The columns of learning.models.Progress; CASE rather than GREATEST, which SQLite lacks.
_COUNT_AN_ATTEMPT = (
    "UPDATE learning_progress SET attempts = attempts + 1,"
    " best_correct = CASE WHEN best_correct < %s THEN %s ELSE best_correct END,"
    " total = %s, updated_at = %s"
    " WHERE user_id = %s AND theme_id = %s"
)
_COUNT_A_PASS_AGAIN = _COUNT_AN_ATTEMPT + " AND passed_at IS NOT NULL"
# Only where the database writes in WITH (portal.lib.queries.writes_in_with): the attempt,
# written if and only if it was counted.
_RECORDED_IF_COUNTED = {
    # Statements from this module only: the values go as parameters.
    count: f"WITH counted AS ({count} RETURNING 1) {{insert}} WHERE EXISTS (SELECT 1 FROM counted) RETURNING id"  # noqa: S608
    for count in (_COUNT_AN_ATTEMPT, _COUNT_A_PASS_AGAIN)
}


def _organisation_name(user: User) -> str:
    """The organisation a certificate names: the one the learner works in now (their current
    choice in the header), else the first they joined; none for a learner on their own."""
    memberships = (
        Membership.objects.filter(user=user).select_related("organisation").order_by("created_at", "pk")
    )
    chosen = next((m for m in memberships if m.organisation_id == user.current_organisation_id), None)
    chosen = chosen or next(iter(memberships), None)
    return chosen.organisation.name if chosen else ""


def _certificate_issue(*, user: User, theme: Theme | None) -> Certificate | None:
    """One certificate per learner and theme: a second pass never makes another."""
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                theme=theme,
                name_printed=user.full_name or user.email.split("@")[0],
                organisation_name=_organisation_name(user),
                completed_on=timezone.localdate(),
            )
    except IntegrityError:
        return None
    later("learning.jobs.certificate_prerender", certificate.pk, group="pdf")
    return certificate


def certificate_set_name(*, certificate: Certificate, name: str) -> Certificate:
    """The learner chooses how their name is printed (e.g. in 漢字)."""
    name = name.strip()
    if not name:
        raise ValidationError({"name_printed": _("修了証に印字する氏名を入力してください。")})
    certificate.name_printed = name
    certificate.full_clean()
    certificate.save(update_fields=["name_printed", "updated_at"])
    later("learning.jobs.certificate_prerender", certificate.pk, group="pdf")
    return certificate


def certificate_revoke(*, certificate: Certificate, reason: str, actor: User | None = None) -> Certificate:
    if not reason.strip():
        raise ValidationError(_("取り消しの理由を入力してください。"))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoked_reason", "updated_at"])
    audit("certificate.revoke", actor=actor, target=certificate.number, reason=certificate.revoked_reason)
    return certificate


@transaction.atomic
def certificates_withdraw_for_erasure(*, user: User) -> int:
    """The holder deletes their account: their certificates stop being valid and lose the name.

    The verification page then says the certificate was withdrawn because its holder deleted
    their account, with no name; the PDF is no longer served and the stored copies are
    deleted from storage after commit. Returns how many certificates were withdrawn.
    """
    certificates = list(Certificate.objects.select_for_update().filter(user=user))
    now = timezone.now()
    for certificate in certificates:
        certificate.name_printed = ""
        certificate.organisation_name = ""
        certificate.holder_deleted_at = now
        certificate.revoked_at = certificate.revoked_at or now
    Certificate.objects.bulk_update(
        certificates, ["name_printed", "organisation_name", "holder_deleted_at", "revoked_at"]
    )
    RevocationRequest.objects.filter(certificate__in=certificates).delete()  # the reasons may name them
    codes = [certificate.code for certificate in certificates]
    transaction.on_commit(lambda: certificate_files_delete(codes=codes))
    return len(certificates)


def certificate_files_delete(*, codes: list[str]) -> None:
    """Delete the stored PDFs of these certificates (kept under one folder per certificate)."""
    for code in codes:
        kept_delete(certificate_pdf_keep_in(code))


def certificate_pdf_keep_in(code: str) -> str:
    """Where render_pdf keeps a certificate's PDFs (`keep_in`: under generated/)."""
    return f"certificates/{code}"


def revocation_request(*, certificate: Certificate, user: User, reason: str) -> RevocationRequest:
    """Ask staff to revoke a certificate; one open request per certificate."""
    if not reason.strip():
        raise ValidationError(_("取り消しを依頼する理由を入力してください。"))
    if not certificate.is_valid:
        raise ValidationError(_("この修了証は既に取り消されています。"))
    try:
        with transaction.atomic():
            revocation = RevocationRequest.objects.create(
                certificate=certificate, requested_by=user, reason=reason.strip()
            )
            audit("certificate.revocation_requested", actor=user, target=certificate.number)
            return revocation
    except IntegrityError:
        raise ValidationError(_("この修了証には、対応待ちの取り消し依頼があります。")) from None


@transaction.atomic
def revocation_decide(
    *, request: RevocationRequest, reviewer: User, revoke: bool, reason: str
) -> RevocationRequest:
    if not reason.strip():
        raise ValidationError(_("理由を入力してください。"))
    request = RevocationRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RevocationRequest.State.OPEN:
        raise ValidationError(_("この依頼には既に対応済みです。"))
    if revoke:
        certificate_revoke(certificate=request.certificate, reason=reason, actor=reviewer)
    else:
        audit("certificate.decline", actor=reviewer, target=request.certificate.number, reason=reason)
    request.state = RevocationRequest.State.REVOKED if revoke else RevocationRequest.State.DECLINED
    request.decided_by = reviewer
    request.decision_reason = reason.strip()
    request.decided_at = timezone.now()
    request.save()
    return request


def person_erase(*, user: User) -> dict[str, int]:
    """Account deletion's part in learning: `user`'s certificates are withdrawn (their attempts
    and progress go with the account). console.erasure runs every service's eraser."""
    return {"certificates_withdrawn": certificates_withdraw_for_erasure(user=user)}
