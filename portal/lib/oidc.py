"""OpenID Connect providers (GビズID) as settings.OIDC_PROVIDERS describes them, and the claims
of one sign-in read through each provider's claim map.

Claim names are never written in code: `settings.OIDC_PROVIDERS[i]["claims"]` maps what the
portal needs (corporate_number, name, account_type, email, prefecture) to the provider's names.
The claims are those allauth received from the provider itself: the ID token (its issuer,
audience and expiry checked) and the userinfo answer, both fetched by the server from the
provider's token and userinfo endpoints over TLS, never from the browser. GビズID releases
the 法人番号 in userinfo only (its ID token carries no attributes).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from portal.lib.corporate_number import validate_corporate_number
from portal.lib.prefectures import Prefecture


def providers() -> list[dict]:
    return list(settings.OIDC_PROVIDERS)


def provider(provider_id: str) -> dict | None:
    return next((p for p in settings.OIDC_PROVIDERS if p["id"] == provider_id), None)


def verification_method(provider_id: str) -> str:
    """What Organisation.verified_by records for an organisation verified through this provider."""
    return f"oidc:{provider_id}"


@dataclass(frozen=True)
class Claims:
    provider_id: str
    corporate_number: str  # "" when missing or not a valid 法人番号
    name: str
    account_type: str
    email: str
    prefecture: str  # a JIS code ("23"), "" when the claim is missing or unknown

    @property
    def may_declare(self) -> bool:
        """Whether this account type may sign in and declare (settings: "account_types")."""
        config = provider(self.provider_id)
        return config is not None and self.account_type in config["account_types"]

    @property
    def verifies_organisation(self) -> bool:
        return self.may_declare and bool(self.corporate_number) and bool(self.name)


def _prefecture_code(value: str) -> str:
    value = value.strip()
    if value in Prefecture.values:
        return value
    with translation.override("ja"):  # providers name prefectures in Japanese (愛知県)
        by_name = {str(label): code for code, label in Prefecture.choices}
    return by_name.get(value, "")


def _pick(data: dict, name: str) -> str:
    """A claim from userinfo, else from the ID token; numbers become strings."""
    for part in ("userinfo", "id_token"):
        value = (data.get(part) or {}).get(name)
        if value not in (None, ""):
            return str(value).strip()
    return ""


def claims_from(provider_id: str, extra_data: dict) -> Claims | None:
    """The claims of a provider's sign-in (allauth's SocialAccount.extra_data for
    openid_connect: {"userinfo": …, "id_token": …}), or None for a provider not configured."""
    config = provider(provider_id)
    if config is None:
        return None
    names = config["claims"]
    number = _pick(extra_data, names["corporate_number"])
    try:
        validate_corporate_number(number)
    except ValidationError:
        number = ""
    return Claims(
        provider_id=provider_id,
        corporate_number=number,
        name=_pick(extra_data, names["name"])[:200],
        account_type=_pick(extra_data, names["account_type"]),
        email=_pick(extra_data, names["email"]),
        prefecture=_prefecture_code(_pick(extra_data, names.get("prefecture", "")))
        if names.get("prefecture")
        else "",
    )
