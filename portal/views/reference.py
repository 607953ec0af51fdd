"""The glossary and the help page: content that every visitor may read, signed in or not."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import reference
from portal.lib.public_pages import public_page


@public_page()
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/glossary.html", {"groups": reference.glossary_groups()})


@public_page()
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/help.html", {"page": reference.help_page()})
