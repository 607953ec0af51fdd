"""The signed-in home, /my/: each person's own page (console/home.py decides what it shows)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from console.home import home_for
from portal.access import current_organisation
from portal.lib.kept_pages import kept_page


@login_required
@kept_page("content", signed_in=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request, "home/dashboard.html", {"home": home_for(request.user, current_organisation(request))}
    )
