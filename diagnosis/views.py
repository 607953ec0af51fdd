from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from diagnosis import charts, services, visitors
from diagnosis.forms import DiagnosisForm, ShareLinkForm, StatisticsSharingForm
from diagnosis.models import Assessment, ItemGuide, ShareLink, Status
from diagnosis.selectors import (
    CONTENT_CACHE_SECONDS,
    content_for,
    current_item,
    current_questionnaire,
    draft_for,
    guide_rows,
    history_for,
    is_recent_enough_for_two_stars,
    report_for,
)
from portal.access import (
    check_organisation_access,
    current_organisation,
    get_for_organisation_or_404,
    my_organisations,
)
from portal.forms import OrganisationChoiceForm
from portal.lib.kept_pages import kept_page
from portal.lib.login_reasons import login_reason
from portal.lib.pdf import pdf_response, render_pdf
from portal.lib.queries import unique_or_none
from portal.models import Organisation, Role

SESSION_RESULTS = visitors.SESSION_RESULTS

# A result's answers and scores never change and its trend only looks back; its peer
# figures move a little with every result saved anywhere. The rendered report is kept
# this long, so the peer figures on it are at most this old.
REPORT_CACHE_SECONDS = 300

_remember = visitors.remember


class NotInThisBrowser(Http404):
    """An anonymous result this session does not hold (or no result at all): the result and save
    pages explain where it can be seen instead of a bare 404."""


def _viewable(request: HttpRequest, uuid) -> Assessment:
    """A completed result the visitor may see: their organisation's, or their own anonymous one
    (in this session, or put in their account's name when they signed up)."""
    queryset = Assessment.objects.select_related("questionnaire", "organisation").filter(
        status=Status.COMPLETED
    )
    assessment = unique_or_none(queryset.filter(uuid=uuid))
    if assessment is None:
        raise NotInThisBrowser
    if assessment.organisation_id is None:
        if str(assessment.uuid) not in visitors.in_session(request):
            if not (request.user.is_authenticated and assessment.created_by_id == request.user.pk):
                raise NotInThisBrowser
            _remember(request, assessment)
        assessment.member_role = None
    else:
        assessment.member_role = check_organisation_access(request, assessment.organisation_id)
    return assessment


def _explains_missing_results(view):
    """Where a result is not to be seen here, say where it is (still a 404)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotInThisBrowser:
            return render(request, "diagnosis/result_unavailable.html", status=404)

    return wrapped


@kept_page("content", signed_in=True)
def take(request: HttpRequest) -> HttpResponse:
    questionnaire = current_questionnaire()
    content = content_for(questionnaire)
    organisation = current_organisation(request)
    # A submission reads the draft only to show its errors (the service takes the draft itself).
    draft = draft_for(organisation) if request.method == "GET" else None
    saving_draft = request.POST.get("action") == "draft" and organisation is not None
    form = DiagnosisForm(
        request.POST or None,
        content=content,
        draft=saving_draft,
        ask_peer_group=organisation is None,
        initial={f"q{number}": value for number, value in (draft.answers if draft else {}).items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            if saving_draft:
                services.assessment_save_draft(
                    questionnaire=questionnaire,
                    organisation=organisation,
                    user=request.user,
                    answers=form.answers(),
                )
                messages.success(request, _("回答を一時保存しました。続きはいつでも再開できます。"))
                return redirect("diagnosis:take")
            assessment = services.assessment_complete(
                questionnaire=questionnaire,
                organisation=organisation,
                user=request.user,
                answers=form.answers(),
                peer_industry=form.cleaned_data.get("industry", ""),
                peer_size_band=form.cleaned_data.get("size_band", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if organisation is None:
                _remember(request, assessment)
                # The answers the browser kept for this submission may go (take.js).
                request.session[visitors.SESSION_SUBMITTED] = request.POST.get("browser_draft", "")[:40]
            return redirect(assessment)
    return render(
        request,
        "diagnosis/take.html",
        {
            "form": form,
            "content": content,
            "organisation": organisation,
            "draft": draft if request.method == "GET" else draft_for(organisation),
            "answered": sum(1 for item in content.items if form[item.field_name].value()),
            "content_cache_seconds": CONTENT_CACHE_SECONDS,
            "submitted": "" if organisation else request.session.get(visitors.SESSION_SUBMITTED, ""),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def take_draft(request: HttpRequest) -> JsonResponse:
    """A member's answers kept as they go: take.js posts the form here a moment after each
    answer and when the page is left, so a reload or a closed tab loses nothing."""
    organisation = current_organisation(request) if request.user.is_authenticated else None
    if organisation is None:
        return JsonResponse({"saved": False}, status=403)
    questionnaire = current_questionnaire()
    form = DiagnosisForm(request.POST, content=content_for(questionnaire), draft=True)
    if not form.is_valid():
        errors = [message for messages_ in form.errors.values() for message in messages_]
        return JsonResponse({"saved": False, "errors": errors}, status=400)
    if not form.answers():  # nothing to keep: no empty draft that would read as "started"
        return JsonResponse({"saved": False, "answered": 0})
    draft = services.assessment_save_draft(
        questionnaire=questionnaire, organisation=organisation, user=request.user, answers=form.answers()
    )
    return JsonResponse(
        {
            "saved": True,
            "answered": len(draft.answers),
            "saved_at": date_format(timezone.localtime(draft.updated_at), "TIME_FORMAT"),
        }
    )


@_explains_missing_results
@kept_page("content", signed_in=True, seconds=REPORT_CACHE_SECONDS)
def result(request: HttpRequest, uuid) -> HttpResponse:
    assessment = _viewable(request, uuid)
    # Lazy: when the report's HTML is in the cache, neither is built.
    report = SimpleLazyObject(lambda: report_for(assessment))
    is_admin = assessment.member_role == Role.ADMIN
    return render(
        request,
        "diagnosis/result.html",
        {
            "assessment": assessment,
            "report": report,
            "charts": SimpleLazyObject(lambda: charts.for_report(report)),
            "report_cache_seconds": REPORT_CACHE_SECONDS,
            "is_admin": is_admin,
            "share_links": assessment.share_links.order_by("-created_at") if is_admin else [],
            "share_form": ShareLinkForm(),
            # A saved, recent result leads its admins on to the declaration (issue 16).
            "offers_declaration": is_admin and is_recent_enough_for_two_stars(assessment),
        },
    )


def report_pdf(request: HttpRequest, uuid) -> HttpResponse:
    return _pdf(_viewable(request, uuid))


def _pdf(assessment: Assessment, *, with_history: bool = True) -> HttpResponse:
    """The report as a PDF. WeasyPrint takes a second or two, so the PDF is kept in storage
    under a digest of its HTML (like certificates): asked again, it is read back, and any
    change (a peer figure, the language, the template) gives a new file that replaces it."""
    report = report_for(assessment, with_history=with_history)
    drawn = charts.for_report(report)
    pdf = render_pdf(
        "diagnosis/pdf/report.html",
        {"report": report, "charts": drawn},
        keep_in=services.report_pdf_keep_in(assessment.uuid, with_history=with_history),
    )
    day = timezone.localtime(assessment.completed_at).strftime("%Y%m%d")
    return pdf_response(pdf, filename=f"self-diagnosis-{day}.pdf")


@login_reason(
    gettext_lazy(
        "診断結果を保存するには、ログインしてください。はじめての方は利用者登録（無料）をしてください。"
        "登録しても、いま見ていた結果は消えずにそのまま保存できます。"
    )
)
@_explains_missing_results
def save(request: HttpRequest, uuid) -> HttpResponse:
    """Carry an anonymous result into one of the user's organisations (after login or sign-up)."""
    assessment = _viewable(request, uuid)
    if assessment.organisation_id is not None:
        return redirect(assessment)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = OrganisationChoiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = get_for_organisation_or_404(
            request.user, Organisation, pk=form.cleaned_data["organisation"]
        )
        try:
            services.assessment_claim(assessment=assessment, organisation=organisation, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("診断結果を「%(name)s」に保存しました。") % {"name": organisation.name}
            )
        return redirect(assessment)
    return render(
        request,
        "diagnosis/save.html",
        {
            "assessment": assessment,
            "organisations": my_organisations(request),
            "current": current_organisation(request),
        },
    )


@login_required
@kept_page("content", signed_in=True)
def history(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "diagnosis/history.html", {"organisation": None})
    results = history_for(organisation)
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "diagnosis/history.html",
        {
            "organisation": organisation,
            "page": page,
            "draft": draft_for(organisation),
            "trend_chart": charts.history(results),
            "is_admin": organisation.member_role == Role.ADMIN,
        },
    )


@login_required
@require_POST
def statistics_sharing(request: HttpRequest) -> HttpResponse:
    organisation = current_organisation(request)
    if organisation is None:
        raise Http404
    organisation = get_for_organisation_or_404(
        request.user, Organisation, role=Role.ADMIN, pk=organisation.pk
    )
    form = StatisticsSharingForm(request.POST)
    if form.is_valid():
        services.organisation_set_statistics_sharing(
            organisation=organisation, share=form.cleaned_data["share"]
        )
        messages.success(request, _("同業比較の統計への参加設定を保存しました。"))
    return redirect("diagnosis:history")


@login_required
@require_POST
def share_create(request: HttpRequest, uuid) -> HttpResponse:
    assessment = get_for_organisation_or_404(
        request.user, Assessment.objects.filter(status=Status.COMPLETED), role=Role.ADMIN, uuid=uuid
    )
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        try:
            services.share_link_create(
                assessment=assessment, user=request.user, expires_on=form.cleaned_data["expires_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("共有リンクを作成しました。"))
    else:
        messages.error(request, _("有効期限の日付が正しくありません。"))
    return redirect(assessment)


@login_required
@require_POST
def share_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_for_organisation_or_404(
        request.user, ShareLink.objects.select_related("assessment"), role=Role.ADMIN, pk=pk
    )
    services.share_link_revoke(link=link)
    messages.success(request, _("共有リンクを取り消しました。"))
    return redirect(link.assessment)


def _shared_assessment(token: str) -> Assessment:
    link = get_object_or_404(
        ShareLink.objects.select_related("assessment__questionnaire", "assessment__organisation"), token=token
    )
    if not link.is_active or not link.assessment.is_completed:
        raise Http404
    return link.assessment


# Reached by an unguessable link, without a session: never kept by a shared cache.
@never_cache
def shared(request: HttpRequest, token: str) -> HttpResponse:
    report = report_for(_shared_assessment(token), with_history=False)
    return render(
        request,
        "diagnosis/shared.html",
        {"report": report, "charts": charts.for_report(report), "token": token},
    )


@never_cache
def shared_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf(_shared_assessment(token), with_history=False)


@kept_page("content")
def guides(request: HttpRequest) -> HttpResponse:
    """Every item's guide page, listed by part (the current questionnaire's topics)."""
    return render(request, "diagnosis/guides.html", {"rows": guide_rows()})


@kept_page("content")
def guide(request: HttpRequest, number: int) -> HttpResponse:
    page = get_object_or_404(ItemGuide, number=number)
    return render(request, "diagnosis/guide.html", {"guide": page, "item": current_item(number)})
