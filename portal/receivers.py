"""Security events from Django and django-axes, into the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from portal.lib.audit import audit


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    audit("login.failed", request=request, email=str(credentials.get("username", ""))[:254])


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    audit("login.locked_out", request=request, email=str(username or "")[:254])


@receiver(user_logged_in, dispatch_uid="audit_logged_in_staff")
def staff_logged_in(sender, request, user, **kwargs):
    if user.is_staff:
        audit("login.staff", request=request, actor=user)
