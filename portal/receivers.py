"""Security events from Django and django-allauth, into the audit log and the session."""

import time

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from portal.lib.audit import audit
from portal.lib.staff_sessions import SIGNED_IN_AT


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    login = credentials.get("email") or credentials.get("username") or ""
    audit("login.failed", request=request, email=str(login)[:254])


@receiver(user_logged_in, dispatch_uid="session_signed_in_at")
def signed_in(sender, request, user, **kwargs):
    # The absolute limit on staff sessions counts from here (portal/lib/staff_sessions.py).
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = time.time()
    if user.is_staff:
        audit("login.staff", request=request, actor=user)
