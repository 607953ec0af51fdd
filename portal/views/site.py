"""Pages of the site shell: home, about and the legal pages, health check, display preferences."""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views import defaults, i18n
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import accessibility
from portal.home import DIAGNOSIS, ROLE_TABS, role_tab
from portal.lib.kept_pages import kept_page
from portal.lib.languages import language_url
from portal.lib.operator import site_operator
from portal.lib.redirects import safe_next_url
from portal.preferences import TEXT_SIZE_COOKIE, TextSize


@kept_page()
def home(request: HttpRequest) -> HttpResponse:
    active = role_tab(request.GET.get("role"))
    return render(
        request,
        "portal/home.html",
        {
            "tabs": ROLE_TABS,
            "active_tab": active,
            "diagnosis_url": DIAGNOSIS.url,
            "operator": site_operator(),
        },
    )


@kept_page()
def about(request: HttpRequest) -> HttpResponse:
    """What SECURITY ACTION is, who runs this installation and what its IDs are worth."""
    return render(request, "portal/about.html", {"operator": site_operator()})


@kept_page()
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"operator": site_operator()})


@kept_page()
def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/terms.html", {"operator": site_operator()})


@kept_page()
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html", {"statement": accessibility})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch: to the same page's URL in the chosen language (/en/… or the
    unprefixed Japanese one), with the choice kept in the cookie as a preference, and remembered
    on the signed-in person so that the e-mails they receive later are written in it."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES) and response.has_header("Location"):
        response["Location"] = language_url(response["Location"], language)
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and request.user.language != language
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_POST
def text_size(request: HttpRequest) -> HttpResponse:
    """Remember the 文字サイズ choice in a cookie; works without JavaScript."""
    response = redirect(safe_next_url(request))
    size = request.POST.get("size")
    if size in TextSize.values:
        response.set_cookie(
            TEXT_SIZE_COOKIE, size, max_age=60 * 60 * 24 * 365, samesite="Lax", secure=request.is_secure()
        )
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. While the database cannot be reached (a restart, a failover) the error
    is not a bug: answer 503 with Retry-After, which load balancers and people understand."""
    _type, exception, _traceback = sys.exc_info()  # Django calls handlers inside its except block
    if isinstance(exception, OperationalError | InterfaceError):
        return HttpResponse(
            loader.get_template("503.html").render(), status=503, headers={"Retry-After": "30"}
        )
    return defaults.server_error(request)
