"""Presenter applications and profile changes in the staff console (/review/presenters/)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import staff_permission_required
from portal.lib.prefectures import Prefecture
from presenters import selectors, services

REVIEWER = "presenters.review_presenter"


@staff_permission_required(REVIEWER)
def queue(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "todo")
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.review_queue(show=show, q=q), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "review/presenters.html",
        {"page": page, "show": show, "q": q, "statuses": selectors.PRESENTER_STATES, "query": f"show={show}&q={q}"},
    )


@staff_permission_required(REVIEWER)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = get_object_or_404(selectors.presenters_for_review(), pk=pk)
    return render(
        request,
        "review/presenter_detail.html",
        {
            "presenter": presenter,
            "pending_rows": selectors.pending_rows(presenter),
            "public_fields": selectors.public_fields(presenter),
            "events": selectors.presenter_events(presenter),
            "actions": services.STAFF_ACTIONS,
        },
    )


@staff_permission_required(REVIEWER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in services.STAFF_ACTIONS:
        raise Http404
    presenter = get_object_or_404(selectors.presenters_for_review(), pk=pk)
    reason = request.POST.get("reason", "")[:2000]
    try:
        services.presenter_review(presenter=presenter, reviewer=request.user, action=action, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("操作を記録しました。"))
    return redirect("review:presenter", pk=pk)


@staff_permission_required(REVIEWER)
def activity(request: HttpRequest) -> HttpResponse:
    names = dict(Prefecture.choices)
    totals = [
        (names[row["prefecture"]], row["talks"], row["people"]) for row in selectors.activity_totals_by_prefecture()
    ]
    return render(request, "review/presenter_activity.html", {"totals": totals})
