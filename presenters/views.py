from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.lib import throttle
from portal.lib.clients import client_ip
from portal.lib.kept_pages import kept_page
from portal.lib.pagination import cached_list_page
from presenters import services
from presenters.forms import ActivityReportForm, ApplyForm, ProfileForm, SearchForm, TalkRequestForm
from presenters.models import Material, Presenter, Status
from presenters.selectors import public_presenters


@kept_page("presenters")
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = {
        "prefecture": cleaned.get("prefecture") or "",
        "expertise": cleaned.get("expertise") or "",
        "q": (cleaned.get("q") or "").strip(),
    }
    presenters = public_presenters(**filters)
    return render(
        request,
        "presenters/search.html",
        {"form": form, **cached_list_page(request, presenters, 20, name="presenters", filters=filters)},
    )


def _public(pk: int) -> Presenter:
    presenter = get_object_or_404(Presenter.objects.prefetch_related("areas"), pk=pk)
    if not presenter.is_public:
        raise Http404
    return presenter


@kept_page("presenters")
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    presenter = _public(pk)
    return render(
        request,
        "presenters/profile.html",
        {"presenter": presenter, "reports": presenter.reports.all()[:20], "form": TalkRequestForm()},
    )


@require_POST
def contact(request: HttpRequest, pk: int) -> HttpResponse:
    """A talk request, sent on without showing the presenter's address; limited per sender."""
    presenter = _public(pk)
    form = TalkRequestForm(request.POST)
    if form.is_valid():
        sender = f"{client_ip(request) or ''}|{form.cleaned_data['requester_email'].lower()}"
        if not throttle.allow(
            f"talk:{sender}", limit=settings.PRESENTER_TALK_REQUESTS_PER_HOUR, window_seconds=3600
        ) or not throttle.allow(
            f"talk-ip:{client_ip(request) or ''}",
            limit=settings.PRESENTER_TALK_REQUESTS_PER_HOUR * 3,
            window_seconds=3600,
        ):
            messages.error(request, _("短い時間に多くの依頼が送られました。しばらくしてからお試しください。"))
            return render(
                request,
                "presenters/profile.html",
                {"presenter": presenter, "reports": [], "form": form},
                status=429,
            )
        services.talk_request_send(presenter=presenter, **form.cleaned_data)
        messages.success(request, _("講演の依頼を送りました。プレゼンターから直接ご連絡があります。"))
        return redirect(presenter)
    return render(
        request,
        "presenters/profile.html",
        {"presenter": presenter, "reports": presenter.reports.all()[:20], "form": form},
        status=400,
    )


@login_required
def apply(request: HttpRequest) -> HttpResponse:
    if Presenter.objects.filter(user=request.user).exists():
        return redirect("presenters:dashboard")
    form = ApplyForm(
        request.POST or None, initial={"name": request.user.full_name, "contact_email": request.user.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.presenter_apply(
                user=request.user,
                prefectures=form.cleaned_data["prefectures"],
                kind=form.cleaned_data["kind"],
                **form.profile(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("登録を申請しました。運営者の確認後にお知らせします。"))
            return redirect("presenters:dashboard")
    return render(request, "presenters/apply.html", {"form": form})


def _own(request: HttpRequest) -> Presenter:
    presenter = Presenter.objects.filter(user=request.user).prefetch_related("areas").first()
    if presenter is None:
        raise Http404
    return presenter


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    presenter = Presenter.objects.filter(user=request.user).prefetch_related("areas").first()
    if presenter is None:
        return redirect("presenters:apply")
    form = _profile_form(presenter, request.POST or None)
    if request.method == "POST" and form.is_valid():
        presenter = services.presenter_update(
            presenter=presenter,
            user=request.user,
            prefectures=form.cleaned_data["prefectures"],
            **form.profile(),
        )
        if presenter.changes_to_review:
            messages.success(
                request, _("保存しました。公開される項目の変更は、運営者の確認後に公開されます。")
            )
        else:
            messages.success(request, _("プロフィールを保存しました。"))
        return redirect("presenters:dashboard")
    return _dashboard_page(request, presenter, form, ActivityReportForm())


def _profile_form(presenter: Presenter, data=None) -> ProfileForm:
    # The form shows the presenter's own latest text, pending review or not.
    pending = {name: value for name, value in presenter.pending_changes.items() if name != "kind"}
    return ProfileForm(
        data,
        instance=presenter,
        initial={
            **pending,
            "prefectures": [area.prefecture for area in presenter.areas.all()],
            "expertise": Presenter(expertise=presenter.proposed["expertise"]).expertise_codes,
        },
    )


def _dashboard_page(request, presenter, form, report_form, status=200) -> HttpResponse:
    pending = {name: value for name, value in presenter.pending_changes.items() if name != "kind"}
    return render(
        request,
        "presenters/dashboard.html",
        {
            "presenter": presenter,
            "form": form,
            "report_form": report_form,
            "reports": presenter.reports.all()[:50],
            "events": presenter.events.all(),
            "pending_fields": pending,
        },
        status=status,
    )


@login_required
@require_POST
def switch_kind(request: HttpRequest) -> HttpResponse:
    presenter = services.presenter_switch_kind(presenter=_own(request), user=request.user)
    if presenter.pending_changes.get("kind"):
        messages.success(request, _("「公開」への変更を申請しました。運営者の確認後に公開されます。"))
    else:
        messages.success(request, _("登録の種類を変更しました。"))
    return redirect("presenters:dashboard")


@login_required
@require_POST
def withdraw(request: HttpRequest) -> HttpResponse:
    try:
        services.presenter_withdraw(presenter=_own(request), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("退会しました。公開プロフィールは表示されなくなりました。"))
    return redirect("presenters:dashboard")


@login_required
@require_POST
def report_add(request: HttpRequest) -> HttpResponse:
    presenter = _own(request)
    form = ActivityReportForm(request.POST)
    if form.is_valid():
        report = form.save(commit=False)
        report.presenter = presenter
        report.save()
        messages.success(request, _("活動を記録しました。"))
        return redirect("presenters:dashboard")
    # The dashboard again, with the report's errors listed and what was typed kept.
    return _dashboard_page(request, presenter, _profile_form(presenter), form, status=400)


def _downloader(request: HttpRequest) -> Presenter | None:
    """Approved presenters of both kinds may use the materials; anyone else is refused."""
    if not request.user.is_authenticated:
        return None
    presenter = Presenter.objects.filter(user=request.user, status=Status.APPROVED).first()
    if presenter is None and not request.user.is_staff:
        raise PermissionDenied
    return presenter


def materials(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _downloader(request)
    return render(request, "presenters/materials.html", {"materials": Material.objects.all()})


def material_download(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _downloader(request)
    material = get_object_or_404(Material, pk=pk)
    services.material_count_download(material=material)
    return FileResponse(
        material.file.open("rb"),
        as_attachment=True,
        filename=material.filename,
        content_type=material.content_type,
    )
