from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from portal.lib.json_export import rows
from portal.lib.prefectures import Prefecture
from presenters.models import ActivityReport, Area, Kind, Presenter, Status, TalkRequest


def public_presenters(*, prefecture: str = "", expertise: str = "", q: str = "") -> QuerySet[Presenter]:
    """Approved public profiles; a presenter active nationwide matches every prefecture."""
    presenters = Presenter.objects.filter(status=Status.APPROVED, kind=Kind.PUBLIC)
    if prefecture:
        presenters = presenters.filter(Q(nationwide=True) | Q(areas__prefecture=prefecture))
    if expertise:
        presenters = presenters.filter(show_expertise=True, expertise__contains=f",{expertise},")
    if q:
        presenters = presenters.filter(
            Q(name__icontains=q)
            | Q(show_name_kana=True, name_kana__icontains=q)
            | Q(show_affiliation=True, affiliation__icontains=q)
            | Q(show_bio=True, bio__icontains=q)
        )
    return presenters.distinct().prefetch_related("areas").order_by("name_kana", "pk")


def activity_totals_by_prefecture():
    return list(
        ActivityReport.objects.values("prefecture")
        .annotate(talks=Count("pk"), people=Sum("audience_size"))
        .order_by("prefecture")
    )


def pending_rows(presenter: Presenter) -> list[tuple[str, str, str]]:
    """The pending changes as (field label, approved value, proposed value), for staff."""
    rows = []
    for name, value in presenter.pending_changes.items():
        field = Presenter._meta.get_field(name)
        if name == "kind":
            before, after = presenter.get_kind_display(), Kind(value).label
        elif name == "expertise":
            before = ", ".join(presenter.expertise_labels())
            after = ", ".join(Presenter(expertise=value).expertise_labels())
        else:
            before, after = getattr(presenter, name), value
        rows.append((str(field.verbose_name), str(before), str(after)))
    return rows


@dataclass(frozen=True)
class PublicField:
    label: str
    value: str
    public: bool


def public_fields(presenter: Presenter) -> list[PublicField]:
    """Every field of the profile and whether the public page shows it once staff approve: the
    presenter's latest text (pending changes included), their 公開する choices, and nothing at
    all for a materials-only registration. For the reviewer, before they decide."""
    proposed = presenter.proposed
    kind = presenter.pending_changes.get("kind", presenter.kind)
    shown = kind == Kind.PUBLIC
    if presenter.nationwide:
        areas = str(_("全国"))
    else:
        areas = ", ".join(str(area.get_prefecture_display()) for area in presenter.areas.all())
    expertise = ", ".join(Presenter(expertise=proposed["expertise"]).expertise_labels())
    if proposed["expertise_other"]:
        expertise = f"{expertise} ({proposed['expertise_other']})" if expertise else proposed["expertise_other"]
    entries = [
        ("name", proposed["name"], True),
        ("name_kana", proposed["name_kana"], presenter.show_name_kana),
        ("areas", areas, True),
        ("affiliation", proposed["affiliation"], presenter.show_affiliation),
        ("expertise", expertise, presenter.show_expertise),
        ("qualifications", proposed["qualifications"], presenter.show_qualifications),
        ("bio", proposed["bio"], presenter.show_bio),
        ("contact_email", presenter.contact_email, presenter.show_email),
        ("postal_address", presenter.postal_address, False),
    ]
    labels = {"areas": _("活動地域")}
    return [
        PublicField(
            label=str(labels.get(name) or Presenter._meta.get_field(name).verbose_name),
            value=str(value or ""),
            # An empty field shows nothing, whatever its choice.
            public=shown and flag and bool(value),
        )
        for name, value, flag in entries
    ]


# --- What the staff console reads (console/views/presenters.py) ---------------------------
PRESENTER_STATES = Status


def review_queue(*, show: str = "todo", q: str = "") -> QuerySet[Presenter]:
    """Applications and profile changes for staff: `todo` (waiting for a decision) or one status."""
    presenters = Presenter.objects.select_related("user").order_by("-updated_at", "-pk")
    if show == "todo":
        presenters = presenters.filter(Q(status=Status.PENDING) | Q(changes_to_review=True))
    elif show in Status.values:
        presenters = presenters.filter(status=show)
    if q:
        presenters = presenters.filter(
            Q(name__icontains=q) | Q(name_kana__icontains=q) | Q(user__email__icontains=q)
        )
    return presenters


def review_counts() -> dict[str, int]:
    """How many applications and how many profile changes wait for staff."""
    return Presenter.objects.aggregate(
        applications=Count("pk", filter=Q(status=Status.PENDING)),
        changes=Count("pk", filter=Q(changes_to_review=True)),
    )


def presenters_for_review() -> QuerySet[Presenter]:
    """Every presenter, with what its review page shows (the console picks one by pk)."""
    return Presenter.objects.select_related("user").prefetch_related("areas")


def presenter_events(presenter: Presenter):
    return presenter.events.select_related("actor")


# --- What the console assembles: statistics sections and personal data ---------------------

TALK_REQUEST_FIELDS = [
    "organisation_name",
    "requester_name",
    "requester_email",
    "date_wish",
    "topic",
    "created_at",
]


def statistics_sections() -> dict:
    """The staff statistics' presenter section: name → function returning (header, rows)."""
    return {"presenters_by_prefecture": _presenters_by_prefecture}


def _presenters_by_prefecture():
    labels = {value: str(label) for value, label in Prefecture.choices}
    presenters = dict(
        Area.objects.filter(presenter__status=Status.APPROVED, presenter__kind=Kind.PUBLIC)
        .values_list("prefecture")
        .annotate(n=Count("presenter", distinct=True))
    )
    talks = {
        row["prefecture"]: (row["talks"], row["people"])
        for row in ActivityReport.objects.values("prefecture").annotate(
            talks=Count("pk"), people=Sum("audience_size")
        )
    }
    codes = sorted(set(presenters) | set(talks))
    return ["prefecture", "presenters", "talks", "participants"], [
        (labels[code], presenters.get(code, 0), *talks.get(code, (0, 0))) for code in codes
    ]


def personal_data(user) -> dict:
    """The talk requests `user` sent, and their presenter profile with what it received."""
    presenter = Presenter.objects.filter(user=user).first()
    return {
        "talk_requests_sent": rows(
            TalkRequest.objects.filter(requester_email__iexact=user.email), *TALK_REQUEST_FIELDS
        ),
        "presenter": None
        if presenter is None
        else {
            "profile": rows(
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
            "activity_reports": rows(
                ActivityReport.objects.filter(presenter=presenter),
                "held_on",
                "prefecture",
                "audience_type",
                "audience_size",
                "topics",
            ),
            "talk_requests_received": rows(
                TalkRequest.objects.filter(presenter=presenter), *TALK_REQUEST_FIELDS
            ),
        },
    }


# --- What the signed-in home reads (console/home.py) ---------------------------------------


def presenter_of(user) -> Presenter | None:
    """`user`'s presenter registration with how many talk requests it received: one query."""
    if not user.is_authenticated:
        return None
    return Presenter.objects.filter(user=user).annotate(request_count=Count("talk_requests")).first()


def recent_talk_requests(presenter: Presenter, *, limit: int = 3) -> list[TalkRequest]:
    return list(presenter.talk_requests.order_by("-created_at", "-pk")[:limit])
