import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from diagnosis.selectors import current_item
from learning import documents, pending, services
from learning.forms import CertificateLookupForm, CertificateNameForm, QuizForm
from learning.models import Attempt, Certificate, Theme
from learning.quiz import asked_in, draw, from_token
from learning.selectors import (
    Status,
    certificate_by_number,
    certificates_of,
    continue_theme,
    has_started,
    last_asked,
    quiz_questions,
    team_matrix,
    theme_by_number,
    theme_rows,
)
from portal.access import current_organisation_or_404
from portal.lib import throttle
from portal.lib.audit import audit
from portal.lib.clients import client_ip
from portal.lib.csv_export import safe_row
from portal.lib.kept_pages import kept_page
from portal.lib.pdf import pdf_response
from portal.models import Membership, Role


@kept_page("content", signed_in=True)
def index(request: HttpRequest) -> HttpResponse:
    rows = theme_rows(request.user)
    return render(
        request,
        "learning/index.html",
        {"rows": rows, "next_theme": continue_theme(rows), "started": has_started(rows)},
    )


def _theme(number: int) -> Theme:
    theme = theme_by_number(number)
    if theme is None:
        raise Http404
    return theme


@kept_page("content")
def theme(request: HttpRequest, number: int) -> HttpResponse:
    lesson = _theme(number)
    return render(request, "learning/theme.html", {"theme": lesson, "item": current_item(number)})


def quiz(request: HttpRequest, number: int) -> HttpResponse:
    lesson = _theme(number)
    pool = quiz_questions(lesson)
    drawn = None
    if request.method == "POST":
        drawn = from_token(request.POST.get("draw", ""), pool, theme_id=lesson.pk)
        if drawn is None:  # forged, or the questions changed since the quiz was shown
            messages.error(
                request, _("問題が入れ替わったため、新しい問題を表示しました。もう一度回答してください。")
            )
    if drawn is None:
        avoid = last_asked(request.user, lesson) or asked_in(
            request.GET.get("after", ""), pool, theme_id=lesson.pk
        )
        form = QuizForm(draw=draw(pool, theme_id=lesson.pk, avoid=avoid))
        return render(
            request,
            "learning/quiz.html",
            {"theme": lesson, "form": form},
            status=400 if request.method == "POST" else 200,
        )
    form = QuizForm(request.POST, draw=drawn)
    if form.is_valid():
        try:
            graded = services.quiz_grade(questions=drawn.questions, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.user.is_authenticated:  # anonymous visitors try without a record…
                pending.keep(request, theme=lesson, drawn=drawn, graded=graded)  # …until they log in
                return render(
                    request,
                    "learning/feedback.html",
                    {"theme": lesson, "graded": graded, "after": drawn.token},
                )
            attempt, certificates = services.attempt_record(user=request.user, theme=lesson, graded=graded)
            for certificate in certificates:
                messages.success(
                    request,
                    _("修了証を発行しました: %(title)s") % {"title": certificate.theme or _("全25テーマ")},
                )
            return redirect(attempt)
    return render(request, "learning/quiz.html", {"theme": lesson, "form": form}, status=400)


@login_required
def attempt(request: HttpRequest, number: int, pk: int) -> HttpResponse:
    record = get_object_or_404(
        Attempt.objects.select_related("theme"), pk=pk, user=request.user, theme__number=number
    )
    # The questions this attempt was asked (the pool may have grown or lost some since).
    asked = [question for question in quiz_questions(record.theme) if str(question.pk) in record.answers]
    answers = {int(question): choice for question, choice in record.answers.items()}
    graded = services.quiz_grade(questions=asked, answers=answers)
    certificate = (
        Certificate.objects.filter(user=request.user, theme=record.theme).first() if record.passed else None
    )
    return render(
        request,
        "learning/feedback.html",
        {"theme": record.theme, "graded": graded, "attempt": record, "certificate": certificate},
    )


@login_required
@kept_page("content", signed_in=True)
def progress(request: HttpRequest) -> HttpResponse:
    rows = theme_rows(request.user)
    return render(
        request,
        "learning/progress.html",
        {
            "rows": rows,
            "next_theme": continue_theme(rows),
            "started": has_started(rows),
            "passed": sum(1 for row in rows if row.status == "passed"),
            "certificates": certificates_of(request.user),
        },
    )


@login_required
@require_POST
def certificate_name(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(Certificate, code=code, user=request.user)
    form = CertificateNameForm(request.POST, instance=certificate)
    if form.is_valid():
        try:
            services.certificate_set_name(certificate=certificate, name=form.cleaned_data["name_printed"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("修了証に印字する氏名を保存しました。"))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("learning:progress")


@login_required
@require_POST
def revocation_request(request: HttpRequest, code: str) -> HttpResponse:
    """The learner, or an admin of an organisation the learner belongs to, asks staff to revoke."""
    certificate = get_object_or_404(Certificate, code=code)
    is_employer = Membership.objects.filter(
        user_id=certificate.user_id,
        organisation__memberships__user=request.user,
        organisation__memberships__role=Role.ADMIN,
    ).exists()
    if certificate.user_id != request.user.pk and not is_employer:
        raise Http404
    try:
        services.revocation_request(
            certificate=certificate, user=request.user, reason=request.POST.get("reason", "")[:2000]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("取り消しを依頼しました。運営者が確認します。"))
    return redirect("learning:progress" if certificate.user_id == request.user.pk else "learning:team")


def _certificate(code: str) -> Certificate:
    return get_object_or_404(Certificate.objects.select_related("theme"), code=code)


# Lookups by number and name, per address and hour: enough for an office checking a pile of
# certificates, too few to try names against numbers.
LOOKUPS_PER_HOUR = 60


@never_cache
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """/certificates/: find a certificate by its printed number and name, then show its page."""
    form = CertificateLookupForm(request.GET or None)
    status = 200
    if form.is_bound and form.is_valid():
        if not throttle.allow(
            f"certificate-lookup:{client_ip(request) or ''}", limit=LOOKUPS_PER_HOUR, window_seconds=3600
        ):
            form.add_error(None, _("短い時間に多くの検索がありました。しばらくしてからお試しください。"))
            status = 429
        else:
            certificate = certificate_by_number(*form.cleaned_data["number"], name=form.cleaned_data["name"])
            if certificate is not None:
                return redirect(certificate)
            form.add_error(
                None,
                _(
                    "この番号と氏名の修了証は見つかりませんでした。修了証に印字された番号と氏名を確かめてください。"
                ),
            )
            status = 404
    elif form.is_bound:
        status = 400
    return render(request, "learning/certificate_lookup.html", {"form": form}, status=status)


# Public verification, but never kept by a cache: a revocation or the holder's erasure
# must show at once.
@never_cache
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "learning/certificate_verify.html", {"certificate": _certificate(code)})


@never_cache
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _certificate(code)
    if certificate.holder_deleted_at is not None:
        raise Http404("The holder deleted their account.")
    pdf = documents.certificate_pdf(certificate)
    return pdf_response(pdf, filename=f"certificate-{certificate.number}.pdf", download=True)


def _team_csv(request: HttpRequest, organisation, themes, rows) -> HttpResponse:
    """The team matrix as CSV, headed in the reader's language (Excel opens it as UTF-8)."""
    audit("export.team_progress", request=request, target=organisation.name)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="learning-progress.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    words = {
        Status.PASSED: _("合格"),
        Status.IN_PROGRESS: _("学習中"),
        Status.NOT_STARTED: _("未学習"),
    }
    writer.writerow(
        safe_row(
            [
                _("メールアドレス"),
                _("氏名"),
                _("合格したテーマの数"),
                _("最後に受験した日時"),
                _("修了証番号"),
                *(f"{theme.number}. {theme.title}" for theme in themes),
            ]
        )
    )
    for row in rows:
        last = row.last_activity
        writer.writerow(
            safe_row(
                [
                    row.membership.user.email,
                    row.membership.user.full_name,
                    len(row.passed),
                    timezone.localtime(last).strftime("%Y-%m-%d %H:%M") if last else "",
                    " ".join(c.number for c in row.certificates),
                    *(
                        ngettext(
                            "%(status)s（受験%(attempts)s回）",
                            "%(status)s（受験%(attempts)s回）",
                            cell.progress.attempts,
                        )
                        % {"status": words[cell.status], "attempts": cell.progress.attempts}
                        if cell.progress
                        else words[cell.status]
                        for cell in row.cells
                    ),
                ]
            )
        )
    return response


@login_required
def team(request: HttpRequest) -> HttpResponse:
    """Organisation admins see their members × the themes: status, attempts, last activity."""
    organisation = current_organisation_or_404(request, role=Role.ADMIN)
    themes, rows = team_matrix(organisation)
    if request.GET.get("format") == "csv":
        return _team_csv(request, organisation, themes, rows)
    return render(
        request, "learning/team.html", {"organisation": organisation, "themes": themes, "rows": rows}
    )
