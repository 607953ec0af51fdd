"""The staff console for declarations (/review/): queue, case detail with events, actions."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from declaration import services
from declaration.forms import ReasonForm
from declaration.models import Declaration, Review, Status
from declaration.selectors import review_counts, review_queue
from learning.models import RevocationRequest
from portal.access import staff_permission_required
from portal.lib.audit import audit
from presenters.models import Presenter
from presenters.models import Status as PresenterStatus

REVIEWER = "declaration.review_declaration"

# action name → (service, form: is the reason mandatory?, message)
ACTIONS = {
    "confirm": (services.declaration_confirm, ReasonForm),
    "correction": (services.declaration_request_correction, ReasonForm),
    "suspend": (services.declaration_suspend, ReasonForm),
    "reinstate": (services.declaration_reinstate, ReasonForm),
}


def workspace(request: HttpRequest) -> HttpResponse:
    """One screen for every queue a reviewer works through, with counts."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    allowed = {
        perm: user.is_staff and user.has_perm(perm)
        for perm in (
            REVIEWER,
            "presenters.review_presenter",
            "portal.view_auditentry",
            "learning.revoke_certificate",
        )
    }
    if not any(allowed.values()):
        raise PermissionDenied
    counts = review_counts() if allowed[REVIEWER] else {}
    queues = []
    if allowed[REVIEWER]:
        queues += [
            (
                _("自己宣言：確認待ち"),
                counts.get(Review.NEEDED, 0),
                reverse("review:queue") + "?review=needed",
            ),
            (
                _("自己宣言：組織の修正待ち"),
                counts.get(Review.CORRECTION, 0),
                reverse("review:queue") + "?review=correction",
            ),
        ]
    if allowed["presenters.review_presenter"]:
        queues += [
            (
                _("プレゼンター：申請"),
                Presenter.objects.filter(status=PresenterStatus.PENDING).count(),
                reverse("review:presenters") + "?show=pending",
            ),
            (
                _("プレゼンター：公開内容の変更"),
                Presenter.objects.filter(changes_to_review=True).count(),
                reverse("review:presenters") + "?show=todo",
            ),
        ]
    if allowed["learning.revoke_certificate"]:
        queues.append(
            (
                _("修了証：取り消し依頼"),
                RevocationRequest.objects.filter(state=RevocationRequest.State.OPEN).count(),
                reverse("review:certificates"),
            )
        )
    q = request.GET.get("q", "").strip()[:100]
    found_declarations = list(review_queue(review="", q=q)[:20]) if q and allowed[REVIEWER] else []
    found_presenters = []
    if q and allowed["presenters.review_presenter"]:
        found_presenters = list(
            Presenter.objects.filter(
                Q(name__icontains=q) | Q(name_kana__icontains=q) | Q(user__email__icontains=q)
            )
            .select_related("user")
            .order_by("name")[:20]
        )
    return render(
        request,
        "review/workspace.html",
        {
            "queues": queues,
            "can_audit": allowed["portal.view_auditentry"],
            "q": q,
            "found_declarations": found_declarations,
            "found_presenters": found_presenters,
        },
    )


@staff_permission_required(REVIEWER)
@require_POST
def bulk_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm several ★ declarations at once. Only those still waiting are touched, so a
    double-submitted form confirms each once."""
    # isascii(): "²" and "١٢" are digits to str.isdigit() but not to int(); a 20-digit number
    # is no primary key.
    ids = [
        int(pk)
        for pk in request.POST.getlist("declaration")
        if pk.isascii() and pk.isdigit() and len(pk) < 19
    ]
    waiting = Declaration.objects.filter(pk__in=ids, stars=1, review=Review.NEEDED, status=Status.ACTIVE)
    done = 0
    for declaration in waiting:
        services.declaration_confirm(declaration=declaration, reviewer=request.user, reason=_("一括確認"))
        audit("declaration.confirm", request=request, target=declaration.declaration_id, bulk=True)
        done += 1
    messages.success(request, _("%(count)s件を確認済みにしました。") % {"count": done})
    return redirect(reverse("review:queue") + "?review=needed")


@staff_permission_required(REVIEWER)
def queue(request: HttpRequest) -> HttpResponse:
    review = request.GET.get("review", Review.NEEDED)
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    declarations = review_queue(
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
            "counts": review_counts(),
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
    declaration = get_object_or_404(
        Declaration.objects.select_related("organisation", "policy", "assessment"), pk=pk
    )
    return render(
        request,
        "review/detail.html",
        {
            "declaration": declaration,
            "events": declaration.events.select_related("actor"),
            # One form per action, each with its own field ids.
            "forms": {
                action: form_class(auto_id=f"{action}_%s") for action, (_s, form_class) in ACTIONS.items()
            },
        },
    )


@staff_permission_required(REVIEWER)
@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    declaration = get_object_or_404(Declaration, pk=pk)
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
        audit(
            f"declaration.{action}",
            request=request,
            target=declaration.declaration_id or f"declaration {declaration.pk}",
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("操作を記録しました。"))
    return redirect("review:detail", pk=pk)
