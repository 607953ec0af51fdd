"""Reads of point learning: constant queries per page."""

from dataclasses import dataclass

from django.db.models import Prefetch

from learning.models import Certificate, Choice, Progress, Question, Theme
from portal.models import Membership


class Status:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    PASSED = "passed"


@dataclass
class ThemeRow:
    theme: Theme
    progress: Progress | None

    @property
    def status(self) -> str:
        if self.progress is None:
            return Status.NOT_STARTED
        return Status.PASSED if self.progress.passed_at else Status.IN_PROGRESS


def theme_rows(user) -> list[ThemeRow]:
    themes = list(Theme.objects.only("number", "title", "summary"))
    progress = {}
    if user.is_authenticated:
        progress = {p.theme_id: p for p in Progress.objects.filter(user=user)}
    return [ThemeRow(theme, progress.get(theme.pk)) for theme in themes]


def continue_theme(rows: list[ThemeRow]) -> Theme | None:
    """Where the learner left off: the first theme started but not passed, else the first not started."""
    for wanted in (Status.IN_PROGRESS, Status.NOT_STARTED):
        for row in rows:
            if row.status == wanted:
                return row.theme
    return None


def quiz_questions(theme: Theme) -> list[Question]:
    return list(
        theme.questions.prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("number")))
    )


def certificates_of(user):
    return Certificate.objects.filter(user=user).select_related("theme").order_by("theme__number")


def team_progress(organisation):
    """Members of an organisation and their passed themes and certificates (for its admins)."""
    members = list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")
    )
    users = [m.user_id for m in members]
    passed = {}
    for user_id, number in Progress.objects.filter(user_id__in=users, passed_at__isnull=False).values_list(
        "user_id", "theme__number"
    ):
        passed.setdefault(user_id, set()).add(number)
    certificates = {}
    for certificate in Certificate.objects.filter(user_id__in=users).select_related("theme"):
        certificates.setdefault(certificate.user_id, []).append(certificate)
    return [(m, sorted(passed.get(m.user_id, set())), certificates.get(m.user_id, [])) for m in members]
