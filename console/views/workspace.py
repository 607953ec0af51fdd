"""The reviewer's workspace (/review/): every queue a reviewer works through, with counts,
and one search across declarations and presenters."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from console.views.certificates import REVOKER
from console.views.declarations import REVIEWER as DECLARATION_REVIEWER
from console.views.presenters import REVIEWER as PRESENTER_REVIEWER
from declaration import selectors as declarations
from learning import selectors as learning
from portal import selectors as portal_selectors
from presenters import selectors as presenters

AUDITOR = "portal.view_auditentry"
VERIFIER = "portal.verify_organisation"


def workspace(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    allowed = {
        perm: user.is_staff and user.has_perm(perm)
        for perm in (DECLARATION_REVIEWER, PRESENTER_REVIEWER, AUDITOR, REVOKER, VERIFIER)
    }
    if not any(allowed.values()):
        raise PermissionDenied
    queues = []
    if allowed[DECLARATION_REVIEWER]:
        counts = declarations.review_counts()
        states = declarations.REVIEW_STATES
        queues += [
            (_("自己宣言：確認待ち"), counts.get(states.NEEDED, 0), reverse("review:queue") + "?review=needed"),
            (
                _("自己宣言：組織の修正待ち"),
                counts.get(states.CORRECTION, 0),
                reverse("review:queue") + "?review=correction",
            ),
        ]
    if allowed[PRESENTER_REVIEWER]:
        counts = presenters.review_counts()
        queues += [
            (_("プレゼンター：申請"), counts["applications"], reverse("review:presenters") + "?show=pending"),
            (_("プレゼンター：公開内容の変更"), counts["changes"], reverse("review:presenters") + "?show=todo"),
        ]
    if allowed[REVOKER]:
        queues.append((_("修了証：取り消し依頼"), learning.open_revocation_count(), reverse("review:certificates")))
    if allowed[VERIFIER]:
        queues.append(
            (_("法人番号の重複"), portal_selectors.corporate_number_collisions().count(), reverse("review:organisations"))
        )
    q = request.GET.get("q", "").strip()[:100]
    found_declarations = (
        list(declarations.review_queue(review="", q=q)[:20]) if q and allowed[DECLARATION_REVIEWER] else []
    )
    found_presenters = list(presenters.review_queue(show="", q=q)[:20]) if q and allowed[PRESENTER_REVIEWER] else []
    return render(
        request,
        "review/workspace.html",
        {
            "queues": queues,
            "can_audit": allowed[AUDITOR],
            "q": q,
            "found_declarations": found_declarations,
            "found_presenters": found_presenters,
        },
    )
