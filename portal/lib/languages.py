"""Each language has its own URLs: Japanese (the source language) keeps the unprefixed paths
people already hold, English lives under /en/. The URL decides the language of a page, so a link
shared by e-mail opens in the language it was copied in; the language cookie is only a
preference: it sends a Japanese URL on to its English twin for someone who chose English.

Paths outside the prefixed patterns (the JSON API, the admin, the health check, the language
switch itself, robots.txt and the sitemap) have one URL and follow the preference, as before.
"""

from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.middleware import locale
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver
from django.utils import translation
from django.utils.cache import patch_vary_headers


def _localised_resolvers(urlconf=None) -> list[URLResolver]:
    return [
        pattern
        for pattern in get_resolver(urlconf).url_patterns
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern)
    ]


def bare_path(path: str) -> str:
    """`path` without its language prefix: /en/learning/ → /learning/."""
    language = translation.get_language_from_path(path)
    if language is None:
        return path
    return path[len(language) + 1 :] or "/"


def is_localised(path: str, urlconf=None) -> bool:
    """Whether `path` (without a prefix) is one of the pages that exist in each language."""
    relative = bare_path(path).removeprefix("/")
    if len(relative) > MEMO_PATH_LENGTH:
        return _resolves_in_each_language(relative, urlconf)
    return _is_localised(relative, urlconf)


# Every page asks for its own path two or three times (the middleware, the hreflang links, the
# language switch); resolving costs more than the rest of those. Paths with ids make many
# entries, hence a bound on their number and length; a test that swaps the URLconf clears it.
MEMO_PATH_LENGTH = 200


def _resolves_in_each_language(relative: str, urlconf) -> bool:
    with translation.override(settings.LANGUAGE_CODE):
        for resolver in _localised_resolvers(urlconf):
            try:
                resolver.resolve(relative)
            except Resolver404:
                continue
            return True
    return False


_is_localised = lru_cache(maxsize=2048)(_resolves_in_each_language)


@receiver(setting_changed, dispatch_uid="languages_urlconf_changed")
def _urlconf_changed(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _is_localised.cache_clear()


def language_path(path: str, language: str) -> str:
    """The same page's path in `language`; paths that have one URL for all come back unchanged."""
    bare = bare_path(path)
    if not is_localised(bare):
        return path
    return bare if language == settings.LANGUAGE_CODE else f"/{language}{bare}"


def language_url(url: str, language: str) -> str:
    """`language_path` for a URL that may carry a query, a fragment or a host."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=language_path(parts.path or "/", language)))


def preferred_language(request) -> str | None:
    """The language the person chose with the switch (the cookie), if it is one we have."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in dict(settings.LANGUAGES) else None


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware for `i18n_patterns(prefix_default_language=False)`, plus: the
    one-URL paths follow the preference, and someone who chose English is sent from a Japanese
    page to its English twin (GET and HEAD only: a form posted is never lost to a redirect)."""

    def process_request(self, request):
        path = request.path_info
        if translation.get_language_from_path(path) is not None:
            return super().process_request(request)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        if not is_localised(path, urlconf):
            translation.activate(translation.get_language_from_request(request))
            request.LANGUAGE_CODE = translation.get_language()
            return None
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        preferred = preferred_language(request)
        if request.method in ("GET", "HEAD") and preferred and preferred != settings.LANGUAGE_CODE:
            redirect = self.response_redirect_class(language_url(request.get_full_path(), preferred))
            patch_vary_headers(redirect, ("Cookie",))
            return redirect
        return None

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if translation.get_language_from_path(request.path_info) is None:
            patch_vary_headers(response, ("Cookie",))  # the preference may redirect this URL
        return response
