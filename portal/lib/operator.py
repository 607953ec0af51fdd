"""Who operates this installation (settings.PORTAL_OPERATOR), for the pages that say so.

Read once per process, not per request: the site shell asks on every page (the
demonstration notice), and the answer only changes with the settings (tests override them,
and the `setting_changed` signal then forgets the cached one).
"""

import functools
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.translation import get_language


@dataclass(frozen=True)
class SiteOperator:
    """The operator's details; the `*_en` values are used on English pages when set."""

    name: str
    name_en: str = ""
    email: str = ""
    url: str = ""
    address: str = ""
    address_en: str = ""
    phone: str = ""
    privacy_officer: str = ""
    privacy_officer_en: str = ""
    court: str = ""
    court_en: str = ""
    terms_effective: date | None = None
    privacy_effective: date | None = None

    def _in_language(self, japanese: str, english: str) -> str:
        return english if english and get_language() == "en" else japanese

    @property
    def display_name(self) -> str:
        return self._in_language(self.name, self.name_en)

    @property
    def display_address(self) -> str:
        return self._in_language(self.address, self.address_en)

    @property
    def display_privacy_officer(self) -> str:
        return self._in_language(self.privacy_officer, self.privacy_officer_en)

    @property
    def display_court(self) -> str:
        return self._in_language(self.court, self.court_en)

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.url or self.phone)


@functools.cache
def site_operator() -> SiteOperator | None:
    """The configured operator, or None on a demonstration installation."""
    values = dict(getattr(settings, "PORTAL_OPERATOR", None) or {})
    if not values.get("name"):
        return None
    for key in ("terms_effective", "privacy_effective"):
        value = values.get(key)
        values[key] = date.fromisoformat(value) if isinstance(value, str) and value else value or None
    return SiteOperator(**values)


@receiver(setting_changed)
def _forget_operator(*, setting, **kwargs):
    if setting == "PORTAL_OPERATOR":
        site_operator.cache_clear()
