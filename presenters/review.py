"""Presenter applications and profile changes in the staff console (/review/presenters/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import staff_permission_required
from portal.lib.audit import audit
from portal.lib.prefectures import Prefecture
from presenters import services
from presenters.models import Presenter, Status
from presenters.selectors import activity_totals_by_prefecture, pending_rows

REVIEWER = "presenters.review_presenter"


@staff_permission_required(REVIEWER)
def queue(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "todo")
    presenters = Presenter.objects.select_related("user").order_by("-updated_at", "-pk")
    if show == "todo":
        presenters = presenters.filter(Q(status=Status.PENDING) | Q(changes_to_review=True))
    elif show in Status.values:
        presenters = presenters.filter(status=show)
    q = request.GET.get("q", "").strip()
    if q:
        presenters = presenters.filter(
            Q(name__icontains=q) | Q(name_kana__icontains=q) | Q(user__email__icontains=q)
        )
    page = Paginator(presenters, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "review/presenters.html",
        {"page": page, "show": show, "q": q, "statuses": Status, "query": f"show={show}&q={q}"},
    )


@staff_permission_required(REVIEWER)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = get_object_or_404(Presenter.objects.select_related("user").prefetch_related("areas"), pk=pk)
    return render(
        request,
        "review/presenter_detail.html",
        {
            "presenter": presenter,
            "pending_rows": pending_rows(presenter),
            "events": presenter.events.select_related("actor"),
            "actions": services.STAFF_ACTIONS,
        },
    )


@staff_permission_required(REVIEWER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in services.STAFF_ACTIONS:
        raise Http404
    presenter = get_object_or_404(Presenter, pk=pk)
    try:
        services.presenter_review(
            presenter=presenter,
            reviewer=request.user,
            action=action,
            reason=request.POST.get("reason", "")[:2000],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        audit(
            f"presenter.{action}",
            request=request,
            target=f"presenter {presenter.pk}",
            reason=request.POST.get("reason", "")[:2000],
        )
        messages.success(request, _("操作を記録しました。"))
    return redirect("review:presenter", pk=pk)


@staff_permission_required(REVIEWER)
def activity(request: HttpRequest) -> HttpResponse:
    names = dict(Prefecture.choices)
    totals = [
        (names[row["prefecture"]], row["talks"], row["people"]) for row in activity_totals_by_prefecture()
    ]
    return render(request, "review/presenter_activity.html", {"totals": totals})
