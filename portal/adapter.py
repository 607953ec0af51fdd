"""How django-allauth fits the portal: mail through the outbox, links on SITE_URL, the
client address as the portal sees it, and the profile fields sign-up asks for."""

from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from portal.lib import oidc, outbox
from portal.lib.audit import audit
from portal.lib.clients import client_ip
from portal.lib.email import current_language
from portal.lib.oidc import claims_from
from portal.models import normalise_email
from portal.selectors import pending_verified_claims

# Mails whose body carries a link or code that acts for the account holder. Their bodies are
# redacted in the outbox once sent (portal/lib/outbox.py), so nobody reads a live link there.
SECRET_MAIL_TEMPLATES = {
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
    "account/email/password_reset_key",
    "account/email/password_reset_code",
    "account/email/login_code",
}


# An address an invitation was sent to, in the session of whoever opened the invitation's link:
# the link proved that this person reads that mailbox, as a verification link would have.
INVITED_EMAIL = "portal_invited_email"


def remember_invited_email(request, email: str) -> None:
    request.session[INVITED_EMAIL] = normalise_email(email)


def on_site(url: str) -> str:
    """The same path on SITE_URL: links in mails never take their host from a request."""
    parts = urlsplit(url)
    site = urlsplit(settings.SITE_URL)
    return urlunsplit((site.scheme, site.netloc, site.path.rstrip("/") + parts.path, parts.query, ""))


class PortalAccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client address.")
        return ip

    def get_email_confirmation_url(self, request, emailconfirmation):
        return on_site(super().get_email_confirmation_url(request, emailconfirmation))

    def get_reset_password_from_key_url(self, key):
        return on_site(super().get_reset_password_from_key_url(key))

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "language", None) or current_language()
        context = {
            "email": email,
            "site_url": settings.SITE_URL,
            **{key: on_site(value) if key.endswith("_url") and isinstance(value, str) else value
               for key, value in context.items()},
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
        outbox.enqueue(
            to=list(message.to),
            subject=message.subject,
            text=message.body,
            html=html,
            secret=template_prefix in SECRET_MAIL_TEMPLATES,
        )

    def is_email_verified(self, request, email):
        """Signing up with the address an invitation opened in this session was sent to needs no
        verification mail (the invitation proved it). allauth's own stash is not used: it would
        also make the invited address primary when a different one was typed."""
        invited = request.session.get(INVITED_EMAIL) if request is not None else None
        if invited and normalise_email(email) == invited:
            return True
        return super().is_email_verified(request, email)

    def get_login_redirect_url(self, request):
        """After signing in with a provider whose claims carry a 法人番号 the person has no
        verified organisation for: the organisation form, pre-filled from the claims."""
        if pending_verified_claims(request.user) is not None:
            return reverse("organisations:new")
        return super().get_login_redirect_url(request)

    def get_signup_redirect_url(self, request):
        if pending_verified_claims(request.user) is not None:
            return reverse("organisations:new")
        return super().get_signup_redirect_url(request)

    def save_user(self, request, user, form, commit=True):
        user.language = current_language()
        user.full_name = form.cleaned_data.get("full_name", "")
        return super().save_user(request, user, form, commit=commit)


class PortalSocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in with an OpenID Connect provider (GビズID). Accounts of a type that may not declare
    (GビズID Entry) are refused with an explanation. Linking to an existing account by e-mail
    is allauth's, and happens only for a provider whose settings trust its verified addresses
    (settings.OIDC_PROVIDERS: "email_verified" and "email_authentication")."""

    def pre_social_login(self, request, sociallogin):
        claims = claims_from(sociallogin.account.provider, sociallogin.account.extra_data or {})
        if claims is not None and not claims.may_declare:
            audit(
                "login.oidc_refused",
                request=request,
                provider=claims.provider_id,
                account_type=claims.account_type,
                email=claims.email,
            )
            config = oidc.provider(claims.provider_id)
            raise ImmediateHttpResponse(
                render(
                    request,
                    "socialaccount/account_type_refused.html",
                    {"provider": config, "account_type": claims.account_type},
                    status=403,
                )
            )
        super().pre_social_login(request, sociallogin)

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = normalise_email(user.email or "")
        user.language = current_language()
        return user

    def get_connect_redirect_url(self, request, socialaccount):
        if pending_verified_claims(request.user) is not None:
            return reverse("organisations:new")
        return super().get_connect_redirect_url(request, socialaccount)

