from django.db.models import Count, Q, QuerySet, Sum

from presenters.models import ActivityReport, Kind, Presenter, Status


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
