"""Reads of point learning: constant queries per page."""

import unicodedata
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from learning.models import Attempt, Certificate, Choice, Progress, Question, RevocationRequest, Theme
from portal.lib import memo
from portal.lib.fragments import generation
from portal.lib.json_export import rows
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
    themes = list(Theme.objects.filter(retired_at__isnull=True).only("number", "title", "summary"))
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


# A theme's questions and choices live in each worker's memory this long: every quiz page and
# every graded answer needs them, and they change only when content is loaded or edited.
QUIZ_CACHE_SECONDS = 300


def theme_by_number(number: int) -> Theme | None:
    """A theme people can take (not retired), kept in each process until loaded content
    changes (loading content, or an edit in the admin, moves the generation)."""
    return memo.remember(
        f"learning:theme:{number}:{generation('content')}",
        lambda: Theme.objects.filter(number=number, retired_at__isnull=True).first(),
        QUIZ_CACHE_SECONDS,
    )


def quiz_questions(theme: Theme) -> list[Question]:
    """The theme's questions with their choices in order (texts follow the active language)."""

    def load():
        return list(
            theme.questions.prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("number")))
        )

    return memo.remember(f"learning:quiz:{theme.pk}", load, QUIZ_CACHE_SECONDS)


def last_asked(user, theme: Theme) -> set[int]:
    """The questions of `user`'s latest attempt at `theme` (the next draw avoids them)."""
    if not user.is_authenticated:
        return set()
    latest = (
        Attempt.objects.filter(user=user, theme=theme)
        .order_by("-created_at")
        .values_list("answers", flat=True)
    ).first()
    return {int(question) for question in latest} if latest else set()


def comparable_name(name: str) -> str:
    """A name as compared, not shown: NFKC (full-width letters), no spaces of any width, case folded."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).casefold()


def certificate_by_number(year: int, serial: int, *, name: str) -> Certificate | None:
    """The certificate printed with number L<year>-<serial> for `name` (as comparable_name
    gives it); None when either does not match."""
    certificate = Certificate.objects.filter(pk=serial, holder_deleted_at__isnull=True).first()
    if certificate is None or certificate.created_at.year != year:
        return None
    return certificate if comparable_name(certificate.name_printed) == name else None


def certificates_of(user):
    return Certificate.objects.filter(user=user).select_related("theme").order_by("theme__number")


@dataclass
class TeamCell:
    """One member's standing on one theme, for the team matrix."""

    theme: Theme
    progress: Progress | None
    certificate: Certificate | None = None

    @property
    def status(self) -> str:
        return ThemeRow(self.theme, self.progress).status


@dataclass
class TeamRow:
    membership: Membership
    cells: list[TeamCell]
    certificates: list[Certificate]

    @property
    def passed(self) -> list[int]:
        return [cell.theme.number for cell in self.cells if cell.status == Status.PASSED]

    @property
    def overall_certificate(self) -> Certificate | None:
        return next((c for c in self.certificates if c.theme_id is None), None)

    @property
    def last_activity(self):
        """When the member last took a quiz (progress rows are saved with every attempt)."""
        return max((cell.progress.updated_at for cell in self.cells if cell.progress), default=None)


def team_matrix(organisation) -> tuple[list[Theme], list[TeamRow]]:
    """The organisation's members × the themes in use, for its admins: four queries, whatever
    the number of members (memberships, themes, their progress rows, their certificates)."""
    members = list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__email")
    )
    themes = list(Theme.objects.filter(retired_at__isnull=True).only("number", "title"))
    users = [m.user_id for m in members]
    progress = {
        (p.user_id, p.theme_id): p
        for p in Progress.objects.filter(user_id__in=users, theme__retired_at__isnull=True)
    }
    certificates, by_theme = {}, {}
    for certificate in Certificate.objects.filter(user_id__in=users).select_related("theme"):
        certificates.setdefault(certificate.user_id, []).append(certificate)
        by_theme[(certificate.user_id, certificate.theme_id)] = certificate
    rows = [
        TeamRow(
            membership=m,
            cells=[
                TeamCell(theme, progress.get((m.user_id, theme.pk)), by_theme.get((m.user_id, theme.pk)))
                for theme in themes
            ],
            certificates=certificates.get(m.user_id, []),
        )
        for m in members
    ]
    return themes, rows


# --- What the staff console reads (console/views/certificates.py) -------------------------
def open_revocation_requests():
    return (
        RevocationRequest.objects.filter(state=RevocationRequest.State.OPEN)
        .select_related("certificate__theme", "certificate__user", "requested_by")
        .order_by("created_at")
    )


def open_revocation_count() -> int:
    return RevocationRequest.objects.filter(state=RevocationRequest.State.OPEN).count()


def revocation_requests_for_review():
    """Every revocation request with its certificate (the console picks one by pk)."""
    return RevocationRequest.objects.select_related("certificate")


# --- What the console assembles: statistics sections and personal data ---------------------


def statistics_sections() -> dict:
    """The staff statistics' learning section: name → function returning (header, rows)."""
    return {"learning_by_theme": _passed_by_theme}


def _passed_by_theme():
    passed = dict(
        Progress.objects.filter(passed_at__isnull=False).values_list("theme__number").annotate(n=Count("pk"))
    )
    return ["theme", "passed"], [
        (f"{t.number}. {t.title}", passed.get(t.number, 0)) for t in Theme.objects.all()
    ]


def personal_data(user) -> dict:
    """`user`'s quiz attempts, progress and certificates."""
    return {
        "learning": {
            "attempts": rows(
                Attempt.objects.filter(user=user), "theme__number", "correct", "total", "passed", "created_at"
            ),
            "progress": rows(
                Progress.objects.filter(user=user), "theme__number", "attempts", "best_correct", "passed_at"
            ),
            "certificates": rows(
                Certificate.objects.filter(user=user),
                "theme__number",
                "name_printed",
                "organisation_name",
                "completed_on",
                "revoked_at",
            ),
        },
    }


# --- What the signed-in home and the learning pages read about starting ---------------------


def has_started(rows: list[ThemeRow]) -> bool:
    """Whether the learner took any quiz yet: 「続きから」 then, 「はじめる」 before."""
    return any(row.status != Status.NOT_STARTED for row in rows)


@dataclass(frozen=True)
class TeamSummary:
    members: int
    learners: int  # members who passed at least one theme
    passes: int  # themes passed, summed over the members
    themes: int


def team_summary(organisation) -> TeamSummary:
    """How far an organisation's members are with the themes: three counting queries,
    whatever the number of members."""
    members = Membership.objects.filter(organisation=organisation)
    passed = Progress.objects.filter(
        user__in=members.values("user"), passed_at__isnull=False, theme__retired_at__isnull=True
    ).aggregate(passes=Count("pk"), learners=Count("user", distinct=True))
    return TeamSummary(
        members=members.count(),
        learners=passed["learners"],
        passes=passed["passes"],
        themes=Theme.objects.filter(retired_at__isnull=True).count(),
    )
