"""The current page in each language: `hreflang` alternates for the <head>."""

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils.html import format_html_join

from portal.lib.languages import is_localised, language_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context) -> str:
    """<link rel="alternate" hreflang="…"> for each language and x-default (the Japanese URL),
    absolute as search engines want them; nothing on pages that have one URL for all."""
    request = context.get("request")
    if request is None or not is_localised(request.path_info):
        return ""
    full_path = request.get_full_path()
    try:
        origin = request.build_absolute_uri("/").removesuffix("/")  # the host is checked once
    except DisallowedHost:  # the 400 page for a request to an unknown host names no URL
        return ""
    paths = {code: language_url(full_path, code) for code, _name in settings.LANGUAGES}
    links = [(code, origin + path) for code, path in paths.items()]
    links.append(("x-default", origin + paths[settings.LANGUAGE_CODE]))
    return format_html_join("\n  ", '<link rel="alternate" hreflang="{}" href="{}">', links)
