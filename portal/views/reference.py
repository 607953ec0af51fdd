"""The glossary and the help page: content that every visitor may read, signed in or not."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import reference
from portal.lib.kept_pages import kept_page


@kept_page()
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/glossary.html", {"groups": reference.glossary_groups()})


@kept_page()
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/help.html", {"page": reference.help_page()})
