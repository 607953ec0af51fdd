"""Declarations in the staff console (/review/declarations/): the queue, one declaration with
its history, the review actions and bulk confirmation of ★."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from declaration import selectors, services
from declaration.forms import OptionalReasonForm, ReasonForm
from diagnosis import selectors as diagnosis_selectors
from portal.access import staff_permission_required

REVIEWER = "declaration.review_declaration"
Review, Status = selectors.REVIEW_STATES, selectors.DECLARATION_STATES

# The 国税庁 法人番号公表サイト's page of one corporate number (its history and current name).
CORPORATE_NUMBER_URL = "https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo={number}"

# action name → (service, form): confirming needs no reason; a correction request, a
# suspension and a reinstatement tell the owner why, so they do.
ACTIONS = {
    "confirm": (services.declaration_confirm, OptionalReasonForm),
    "correction": (services.declaration_request_correction, ReasonForm),
    "suspend": (services.declaration_suspend, ReasonForm),
    "reinstate": (services.declaration_reinstate, ReasonForm),
}


@staff_permission_required(REVIEWER)
@require_POST
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm several ★ declarations at once. Only those still waiting are touched, so a
    double-submitted form confirms each once."""
    # isascii(): "²" and "١٢" are digits to str.isdigit() but not to int(); a 20-digit number
    # is no primary key.
    ids = [
        int(pk) for pk in request.POST.getlist("declaration") if pk.isascii() and pk.isdigit() and len(pk) < 19
    ]
    done = 0
    for declaration in selectors.declarations_awaiting_bulk_confirm(ids):
        services.declaration_confirm(declaration=declaration, reviewer=request.user, reason=_("一括確認"))
        done += 1
    messages.success(request, _("%(count)s件を確認済みにしました。") % {"count": done})
    return redirect(reverse("review:queue") + "?review=needed")


@staff_permission_required(REVIEWER)
def queue(request: HttpRequest) -> HttpResponse:
    review = request.GET.get("review", Review.NEEDED)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    declarations = selectors.review_queue(
        review=review if review in Review.values else "",
        status=status if status in Status.values else "",
        q=q,
    )
    page = Paginator(declarations, 30).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "review/queue.html",
        {
            "page": page,
            "counts": selectors.review_counts(),
            "review": review,
            "status": status,
            "q": q,
            "reviews": Review,
            "statuses": Status,
            "query": query.urlencode(),
        },
    )


@staff_permission_required(REVIEWER)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = get_object_or_404(selectors.declarations_for_review(), pk=pk)
    return render(
        request,
        "review/detail.html",
        {
            "declaration": declaration,
            "events": selectors.declaration_events(declaration),
            "corporate_number_url": (
                CORPORATE_NUMBER_URL.format(number=declaration.organisation.corporate_number)
                if declaration.organisation.corporate_number
                else ""
            ),
            # One form per action, each with its own field ids.
            "forms": {action: form_class(auto_id=f"{action}_%s") for action, (_s, form_class) in ACTIONS.items()},
        },
    )


@staff_permission_required(REVIEWER)
def diagnosis(request: HttpRequest, pk: int) -> HttpResponse:
    """The self-diagnosis result a declaration was made with, as the reviewer needs it: the
    score, the parts and every answer (the result page itself is for the organisation's
    members only)."""
    declaration = get_object_or_404(selectors.declarations_for_review(), pk=pk)
    if declaration.assessment is None:
        raise Http404
    report = diagnosis_selectors.report_for(declaration.assessment, with_history=False)
    return render(request, "review/diagnosis.html", {"declaration": declaration, "report": report})


@staff_permission_required(REVIEWER)
def by_id(request: HttpRequest, declaration_id: str) -> HttpResponse:
    """The case page of the declaration with this 自己宣言ID (the audit log links IDs here)."""
    declaration = get_object_or_404(selectors.declarations_for_review(), declaration_id=declaration_id)
    return redirect("review:detail", pk=declaration.pk)


@staff_permission_required(REVIEWER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    declaration = get_object_or_404(selectors.declarations_for_review(), pk=pk)
    service, form_class = ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("理由を入力してください。"))
        return redirect("review:detail", pk=pk)
    try:
        service(declaration=declaration, reviewer=request.user, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("操作を記録しました。"))
    return redirect("review:detail", pk=pk)
