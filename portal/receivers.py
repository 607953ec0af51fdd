"""Security events from Django and django-allauth, into the audit log and the session; edits of
loaded content, into the generation that retires cached public pages; and what retires each
person's kept pages among the core's rows (portal.lib.kept_pages)."""

import time

from allauth.account.models import EmailAddress
from allauth.account.signals import user_logged_in as allauth_user_logged_in
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.signals import social_account_added
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from portal import services
from portal.lib.audit import audit
from portal.lib.content_loading import LoadedContent
from portal.lib.fragments import invalidate
from portal.lib.kept_pages import follow
from portal.lib.oidc import claims_from
from portal.lib.staff_sessions import SIGNED_IN_AT
from portal.models import Invitation, Membership, Organisation, User


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


def _organisation_from_claims(request, sociallogin) -> None:
    """A provider's claims with a 法人番号 link the person to their verified organisation."""
    claims = claims_from(sociallogin.account.provider, sociallogin.account.extra_data or {})
    if claims is not None and claims.verifies_organisation:
        services.organisation_link_from_claims(user=sociallogin.user, claims=claims)


@receiver(allauth_user_logged_in, dispatch_uid="organisation_from_claims_at_login")
def signed_in_with_provider(sender, request, user, sociallogin=None, **kwargs):
    if sociallogin is not None:
        audit("login.oidc", request=request, actor=user, provider=sociallogin.account.provider)
        _organisation_from_claims(request, sociallogin)


@receiver(social_account_added, dispatch_uid="organisation_from_claims_at_connect")
def provider_connected(sender, request, sociallogin, **kwargs):
    audit("account.oidc_connected", request=request, actor=sociallogin.user, provider=sociallogin.account.provider)
    _organisation_from_claims(request, sociallogin)


@receiver(post_save, dispatch_uid="content_changed_saved")
@receiver(post_delete, dispatch_uid="content_changed_deleted")
def content_changed(sender, instance, **kwargs):
    """An admin edit of a lesson, an item or a band shows at once on the public pages."""
    if isinstance(instance, LoadedContent):
        invalidate("content")


# A person's pages show their own account and their organisation's name and members; every
# request of theirs reads their user row and organisations from their kept account.
follow(User, people=lambda user: [user.pk], accounts=lambda user: [user.pk])
follow(EmailAddress, people=lambda address: [address.user_id])
follow(Authenticator, people=lambda authenticator: [authenticator.user_id])
follow(SocialAccount, people=lambda account: [account.user_id])
follow(
    Organisation,
    organisations=lambda organisation: [organisation.pk],
    accounts=lambda organisation: organisation.memberships.values_list("user_id", flat=True),
)
follow(
    Membership,
    people=lambda membership: [membership.user_id],
    organisations=lambda membership: [membership.organisation_id],
    accounts=lambda membership: [membership.user_id],  # the organisations they belong to
)
follow(Invitation, organisations=lambda invitation: [invitation.organisation_id])
