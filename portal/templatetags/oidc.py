"""The OpenID Connect providers configured (settings.OIDC_PROVIDERS), for the sign-in buttons."""

from django import template
from django.utils.translation import get_language

from portal.lib import oidc

register = template.Library()


@register.simple_tag
def oidc_providers() -> list[dict]:
    return oidc.providers()


@register.filter
def provider_name(provider: dict | None) -> str:
    """The provider's name in the page's language (GビズID / gBizID)."""
    if not provider:
        return ""
    english = (get_language() or "").startswith("en")
    return provider.get("name_en") if english and provider.get("name_en") else provider["name"]
