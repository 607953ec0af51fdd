"""The signed-in home (/my/): what each person has to do next, read from every service.

A person may be several things at once (an organisation's admin who is also a presenter, a
reviewer who belongs to an organisation): each role that applies adds a section, and the
sections come most relevant first (see `sections_for`). Every section reads its service
through that service's selectors, in a constant number of queries whatever the number of
organisations, members, results or requests.
"""

from dataclasses import dataclass, field
from enum import Enum

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from console.views.certificates import REVOKER
from console.views.declarations import REVIEWER as DECLARATION_REVIEWER
from console.views.presenters import REVIEWER as PRESENTER_REVIEWER
from declaration import selectors as declarations
from declaration.services import accepts_as_evidence
from diagnosis import selectors as diagnosis
from learning import selectors as learning
from portal.models import Role
from presenters import selectors as presenters


class TaskStatus(Enum):
    """GOV.UK's task list statuses, in the portal's words."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> Promise:
        return {
            TaskStatus.NOT_STARTED: _("未着手"),
            TaskStatus.IN_PROGRESS: _("途中"),
            TaskStatus.DONE: _("完了"),
        }[self]


@dataclass
class Task:
    key: str
    title: Promise
    status: TaskStatus
    url: str
    action: Promise  # the link's words: what following it does
    # When the next move is someone else's (a reviewer's), the task is not offered as the next step.
    waiting: bool = False
    next: bool = False

    @property
    def done(self) -> bool:
        return self.status == TaskStatus.DONE


@dataclass
class OrganisationTasks:
    """An organisation admin's task list, with what each task shows beside its status."""

    organisation: object
    tasks: list[Task]
    standing: diagnosis.Standing
    declaration: object | None
    policy: object | None
    two_star_needs: list[str]
    team: learning.TeamSummary
    diagnosis_accepted: bool

    @property
    def done_count(self) -> int:
        return sum(1 for task in self.tasks if task.done)

    @property
    def next_task(self) -> Task | None:
        return next((task for task in self.tasks if task.next), None)

    def task(self, key: str) -> Task:
        return next(task for task in self.tasks if task.key == key)


def _diagnosis_task(standing: diagnosis.Standing, accepted: bool) -> Task:
    take = reverse("diagnosis:take")
    if standing.has_draft:
        # A draft is where the person left off: the link says so, whatever came before.
        return Task("diagnosis", _("セキュリティ健康診断を受ける"), TaskStatus.IN_PROGRESS, take, _("続きから回答する"))
    if standing.latest is None:
        return Task(
            "diagnosis", _("セキュリティ健康診断を受ける"), TaskStatus.NOT_STARTED, take, _("診断をはじめる（約5分）")
        )
    if not accepted:
        # Older than ★★ accepts: done once, due again.
        return Task("diagnosis", _("セキュリティ健康診断を受ける"), TaskStatus.IN_PROGRESS, take, _("もう一度診断する"))
    return Task(
        "diagnosis",
        _("セキュリティ健康診断を受ける"),
        TaskStatus.DONE,
        standing.latest.get_absolute_url(),
        _("結果を見る"),
    )


def _declaration_task(declaration) -> Task:
    title = _("SECURITY ACTION を宣言する")
    mine = reverse("declaration:mine")
    if declaration is None or not declaration.is_current:
        return Task("declaration", title, TaskStatus.NOT_STARTED, reverse("declaration:apply"), _("宣言する"))
    states = declarations.DECLARATION_STATES
    if declaration.status == states.SUSPENDED:
        # Not waiting: the organisation has to act (the マイページ says why and what to do).
        return Task("declaration", title, TaskStatus.IN_PROGRESS, mine, _("停止の理由と対応を見る"))
    if declaration.status == states.PENDING:
        return Task("declaration", title, TaskStatus.IN_PROGRESS, mine, _("申込みの状況を見る"), waiting=True)
    return Task("declaration", title, TaskStatus.DONE, mine, _("宣言の内容とマークを見る"))


def _policy_task(policy, declaration) -> Task:
    title = _("情報セキュリティ基本方針を公開する")
    edit = reverse("policies:edit")
    if policy is not None and policy.is_published:
        return Task("policy", title, TaskStatus.DONE, policy.get_absolute_url(), _("公開ページを見る"))
    if declaration is not None and declaration.is_current and declaration.policy_url:
        # Published on the organisation's own site, and named in its ★★ declaration.
        return Task("policy", title, TaskStatus.DONE, declaration.policy_url, _("公開ページを見る"))
    if policy is not None:
        return Task("policy", title, TaskStatus.IN_PROGRESS, edit, _("基本方針ビルダーで公開する"))
    return Task("policy", title, TaskStatus.NOT_STARTED, edit, _("基本方針ビルダーで作る"))


def _two_star_task(declaration, needs: list[str]) -> Task:
    title = _("二つ星（★★）にする")
    current = declaration is not None and declaration.is_current
    two_stars = current and declaration.stars == declarations.STAR_LEVELS.TWO
    pending = current and declaration.status == declarations.DECLARATION_STATES.PENDING
    if two_stars and not pending:
        return Task(
            "two_star", title, TaskStatus.DONE, reverse("declaration:mine"), _("宣言の内容とマークを見る")
        )
    if two_stars or (current and declaration.requested_stars):  # with the reviewers
        return Task(
            "two_star",
            title,
            TaskStatus.IN_PROGRESS,
            reverse("declaration:mine"),
            _("申込みの状況を見る"),
            waiting=True,
        )
    if current:
        status = TaskStatus.NOT_STARTED if len(needs) == 2 else TaskStatus.IN_PROGRESS
        return Task("two_star", title, status, reverse("declaration:upgrade"), _("二つ星にする"))
    # No declaration yet: one may declare ★★ straight away.
    status = TaskStatus.NOT_STARTED if len(needs) == 2 else TaskStatus.IN_PROGRESS
    return Task("two_star", title, status, reverse("declaration:apply") + "?stars=2", _("二つ星で宣言する"))


def _learning_task(team: learning.TeamSummary) -> Task:
    title = _("メンバーがミニ講座で学ぶ")
    team_url = reverse("learning:team")
    if team.passes == 0:
        return Task("learning", title, TaskStatus.NOT_STARTED, team_url, _("チームの学習状況を見る"))
    if team.themes and team.passes >= team.members * team.themes:
        return Task("learning", title, TaskStatus.DONE, team_url, _("チームの学習状況を見る"))
    return Task("learning", title, TaskStatus.IN_PROGRESS, team_url, _("チームの学習状況を見る"))


def organisation_tasks(organisation) -> OrganisationTasks:
    """The admin's task list. The next step is the first task not done that is the
    organisation's to do (a declaration waiting for review is not), in the order the scheme
    runs: know where you stand, declare ★, publish a policy, ★★, then the team learns."""
    standing = diagnosis.organisation_standing(organisation)
    declaration = declarations.current_declaration_summary(organisation)
    policy = declarations.organisation_policy(organisation)
    accepted = accepts_as_evidence(standing.latest)
    needs = declarations.two_star_needs(
        declaration=declaration,
        policy_published=policy is not None and policy.is_published,
        diagnosis_accepted=accepted,
    )
    team = learning.team_summary(organisation)
    tasks = [
        _diagnosis_task(standing, accepted),
        _declaration_task(declaration),
        _policy_task(policy, declaration),
        _two_star_task(declaration, needs),
        _learning_task(team),
    ]
    # A suspended declaration comes before everything else: the ID is not valid meanwhile.
    suspended = declaration is not None and declaration.status == declarations.DECLARATION_STATES.SUSPENDED
    candidates = [tasks[1]] if suspended else [task for task in tasks if not task.done and not task.waiting]
    if candidates:
        candidates[0].next = True
    return OrganisationTasks(
        organisation=organisation,
        tasks=tasks,
        standing=standing,
        declaration=declaration,
        policy=policy,
        two_star_needs=needs,
        team=team,
        diagnosis_accepted=accepted,
    )


@dataclass
class Learner:
    """A person's own learning: where they stand and where to go on."""

    passed: int
    themes: int
    started: bool
    next_theme: object | None


def learner(user) -> Learner:
    rows = learning.theme_rows(user)
    return Learner(
        passed=sum(1 for row in rows if row.status == learning.Status.PASSED),
        themes=len(rows),
        started=learning.has_started(rows),
        next_theme=learning.continue_theme(rows),
    )


@dataclass
class PresenterSection:
    presenter: object
    requests: list = field(default_factory=list)


def presenter_section(user) -> PresenterSection | None:
    presenter = presenters.presenter_of(user)
    if presenter is None:
        return None
    return PresenterSection(presenter=presenter, requests=presenters.recent_talk_requests(presenter))


@dataclass(frozen=True)
class Queue:
    label: Promise
    count: int
    url: str


def reviewer_queues(user) -> list[Queue] | None:
    """The console's queue counts for a reviewer (the same queues as /review/), or None for
    anyone who cannot open the console."""
    if not user.is_staff:
        return None
    queues: list[Queue] = []
    if user.has_perm(DECLARATION_REVIEWER):
        counts = declarations.review_counts()
        states = declarations.REVIEW_STATES
        queue = reverse("review:queue")
        queues += [
            Queue(_("自己宣言：確認待ち"), counts.get(states.NEEDED, 0), queue + "?review=needed"),
            Queue(
                _("自己宣言：組織の修正待ち"), counts.get(states.CORRECTION, 0), queue + "?review=correction"
            ),
        ]
    if user.has_perm(PRESENTER_REVIEWER):
        counts = presenters.review_counts()
        queue = reverse("review:presenters")
        queues += [
            Queue(_("プレゼンター：申請"), counts["applications"], queue + "?show=pending"),
            Queue(_("プレゼンター：公開内容の変更"), counts["changes"], queue + "?show=todo"),
        ]
    if user.has_perm(REVOKER):
        queues.append(
            Queue(_("修了証：取り消し依頼"), learning.open_revocation_count(), reverse("review:certificates"))
        )
    return queues if queues or user.has_perm("portal.view_auditentry") else None


@dataclass
class Home:
    """Everything /my/ shows; `sections` names them in the order they appear."""

    sections: list[str]
    organisation: object | None = None
    tasks: OrganisationTasks | None = None
    declaration: object | None = None  # a member's view of the organisation's declaration
    learner: Learner | None = None
    presenter: PresenterSection | None = None
    queues: list[Queue] | None = None


def home_for(user, organisation) -> Home:
    """Which sections apply to `user` (working for `organisation`, or None), most relevant first:
    a reviewer's queues are their work, so they lead; then the organisation (an admin's task
    list, or a member's learning and the declaration); then the presenter's profile; a person
    with none of these starts with how to begin. Everyone signed in can learn, so every page
    has the person's own learning."""
    home = Home(sections=[], organisation=organisation)
    home.queues = reviewer_queues(user)
    if home.queues is not None:
        home.sections.append("reviewer")
    if organisation is not None:
        if organisation.member_role == Role.ADMIN:
            home.tasks = organisation_tasks(organisation)
            home.sections.append("admin")
        else:
            home.declaration = declarations.current_declaration_summary(organisation)
            home.sections += ["learning", "member"]
    home.presenter = presenter_section(user)
    if home.presenter is not None:
        home.sections.append("presenter")
    if not home.sections:
        home.sections.append("start")
    if "learning" not in home.sections:
        home.sections.append("learning")
    home.learner = learner(user)
    return home


@dataclass(frozen=True)
class DeclarationOffer:
    """What a saved result or a published policy leads on to: "declare" or "upgrade"."""

    kind: str
    url: str
    needs: list[str]


def declaration_offer(organisation, *, diagnosis_accepted: bool | None = None) -> DeclarationOffer | None:
    """Two queries (the declaration's level and state, whether the policy is published), and one
    more for the latest result when the caller does not know whether it counts. None when there
    is nothing to declare: ★★ held or requested, or a ★ declaration that is pending or suspended."""
    if organisation is None:
        return None
    if diagnosis_accepted is None:
        diagnosis_accepted = accepts_as_evidence(diagnosis.latest_completed_assessment(organisation))
    declaration, policy_published = declarations.declaration_offer_facts(organisation)
    needs = declarations.two_star_needs(
        declaration=declaration, policy_published=policy_published, diagnosis_accepted=diagnosis_accepted
    )
    if declaration is None or not declaration.is_current:
        # Everything ★★ needs is there: offer ★★ straight away (the form still lets them pick ★).
        url = reverse("declaration:apply") + ("" if needs else "?stars=2")
        return DeclarationOffer("declare", url, needs)
    active = declaration.status == declarations.DECLARATION_STATES.ACTIVE
    if active and declaration.stars == declarations.STAR_LEVELS.ONE and not declaration.requested_stars:
        return DeclarationOffer("upgrade", reverse("declaration:upgrade"), needs)
    return None
