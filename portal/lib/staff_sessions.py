"""Stricter sessions for staff (ASVS V3.3): idle and absolute timeouts, and a second factor
before any console or admin page.

Everyone's session records when they signed in (portal/receivers.py). A staff session ends
after STAFF_SESSION_IDLE_SECONDS without a request and STAFF_SESSION_ABSOLUTE_SECONDS after
signing in, whatever "remember me" said. The last-seen time is written at most once a
minute, so the idle limit holds to within a minute without a session write per request.
"""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "staff_seen_at"
SEEN_WRITE_INTERVAL = 60
# URL namespaces that need a second factor: the staff console and Django's admin.
MFA_REQUIRED_NAMESPACES = {"review", "admin"}


def session_expired(session, now: float) -> bool:
    signed_in_at = session.get(SIGNED_IN_AT, now)
    seen_at = session.get(SEEN_AT, now)
    return (
        now - seen_at > settings.STAFF_SESSION_IDLE_SECONDS
        or now - signed_in_at > settings.STAFF_SESSION_ABSOLUTE_SECONDS
    )


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = time.time()
            session = request.session
            if session_expired(session, now):
                logout(request)
                messages.info(request, _("安全のため、一定時間操作がなかったスタッフのセッションを終了しました。もう一度ログインしてください。"))
                return redirect_to_login(request.get_full_path())
            session.setdefault(SIGNED_IN_AT, now)
            if now - session.get(SEEN_AT, 0) > SEEN_WRITE_INTERVAL:
                session[SEEN_AT] = now
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        match = request.resolver_match
        if (
            user.is_authenticated
            and user.is_staff
            and match is not None
            and MFA_REQUIRED_NAMESPACES.intersection(match.namespaces)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("スタッフ用の画面を使うには、二要素認証（認証アプリまたはパスキー）の登録が必要です。"),
            )
            return redirect("mfa_index")
        return None
