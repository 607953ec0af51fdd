"""The public registry: search, the verification page of one declaration, its badge, and the
registry's statistics."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from declaration import marks
from declaration.forms import RegistrySearchForm, clean_declaration_id
from declaration.models import Status
from declaration.selectors import declaration_by_id, registry_search, registry_statistics
from portal.lib import charts
from portal.lib.industries import Industry
from portal.lib.kept_pages import kept_page
from portal.lib.pagination import cached_list_page
from portal.lib.prefectures import Prefecture
from portal.lib.replica import reads_from_replica

PAGE_SIZE = 20


@kept_page("registry")
@reads_from_replica
def search(request: HttpRequest) -> HttpResponse:
    if typed := request.GET.get("id", "").strip()[:40]:  # the "check an ID" box
        if clean := clean_declaration_id(typed):
            return redirect("registry:verify", declaration_id=clean)
        return verify(request, typed)  # the "not a valid ID" page, whatever was typed (even a slash)
    form = RegistrySearchForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    filters = {
        "q": (cleaned.get("q") or "").strip(),
        "prefecture": cleaned.get("prefecture") or "",
        "industry": cleaned.get("industry") or "",
        "stars": cleaned.get("stars"),
        "verified": "1" if cleaned.get("verified") else "",  # as the link carries it
        "sort": cleaned.get("sort") or "new",
        "lapsed": "on" if cleaned.get("lapsed") else "",  # in the pages' links only when asked
    }

    def declarations():  # a name search costs a query to plan: only when its page is not cached
        return registry_search(**filters | {"lapsed": bool(filters["lapsed"])})

    return render(
        request,
        "registry/search.html",
        {
            "form": form,
            "searched": bool(request.GET),
            **cached_list_page(request, declarations, PAGE_SIZE, name="registry", filters=filters),
        },
    )


@kept_page("registry")
@reads_from_replica
def verify(request: HttpRequest, declaration_id: str) -> HttpResponse:
    clean = clean_declaration_id(declaration_id)
    declaration = declaration_by_id(clean) if clean else None
    if declaration is None:
        return render(
            request,
            "registry/not_found.html",
            {"declaration_id": declaration_id, "malformed": clean is None},
            status=404,
        )
    return render(request, "registry/verify.html", {"declaration": declaration})


@reads_from_replica
def badge(request: HttpRequest, declaration_id: str) -> HttpResponse:
    """The embeddable mark with the ID; says 停止中 / 取り下げ when it no longer stands.

    Our pages link it with `?v=<version>` (kept for a year: a new level or status gives a new
    URL). The snippet other sites embed has no version: browsers and proxies revalidate it on
    every use (a 304 when nothing changed), so it never shows a stale level."""
    clean = clean_declaration_id(declaration_id)
    declaration = declaration_by_id(clean) if clean else None
    if declaration is None:
        raise Http404
    version = marks.declaration_version(declaration)
    if request.headers.get("If-None-Match") == f'"{version}"':
        response = HttpResponse(status=304)
    else:
        status_label = "" if declaration.status == Status.ACTIVE else declaration.get_status_display()
        svg = marks.mark_svg(
            declaration.stars, declaration_id=declaration.declaration_id, status_label=str(status_label)
        )
        response = HttpResponse(svg, content_type="image/svg+xml")
    response["Access-Control-Allow-Origin"] = "*"
    return marks.versioned_response(request, response, version, public=True)


@kept_page("registry")
@reads_from_replica
def statistics(request: HttpRequest) -> HttpResponse:
    numbers = registry_statistics()
    prefectures = dict(Prefecture.choices)
    industries = dict(Industry.choices)
    by_prefecture = [(prefectures[row["prefecture"]], row["n"]) for row in numbers["by_prefecture"]]
    by_industry = [(industries[row["industry"]], row["n"]) for row in numbers["by_industry"]]
    by_month = [(row["month"].strftime("%Y-%m"), row["n"]) for row in numbers["by_month"] if row["month"]]
    return render(
        request,
        "registry/statistics.html",
        {
            "numbers": numbers,
            "by_prefecture": by_prefecture,
            "by_industry": by_industry,
            "by_month": by_month,
            "prefecture_chart": charts.horizontal_bars(
                [charts.Bar(label, n) for label, n in by_prefecture],
                title=_("都道府県別の有効な自己宣言数"),
                minimum=0,
                maximum=max([n for _label, n in by_prefecture] + [1]),
                own_label=_("宣言数"),
                reference_label="",
            )
            if by_prefecture
            else None,
        },
    )
