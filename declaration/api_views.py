"""The open-data API (/api/v1/declarations…): one declaration, and the listing as JSON pages
or a streamed CSV, with rate limits that count every answer."""

import csv
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition, require_safe

from declaration.forms import RegistrySearchForm, clean_declaration_id
from declaration.models import Declaration, Status
from declaration.selectors import declaration_by_id, registry_last_modified, registry_search
from portal.lib import throttle
from portal.lib.clients import client_ip
from portal.lib.csv_export import safe_row
from portal.lib.pagination import CachedCountPaginator
from portal.lib.replica import reads_from_replica

API_PAGE_SIZE = 100


def _throttled(request: HttpRequest) -> JsonResponse | None:
    client = client_ip(request) or "unknown"
    if throttle.allow(f"api:{client}", limit=settings.API_RATE_LIMIT_PER_MINUTE, window_seconds=60):
        return None
    response = JsonResponse(
        {"error": "rate_limited", "detail": "Too many requests; try again in a minute."}, status=429
    )
    response["Retry-After"] = "60"
    return response


def _dump_throttled(request: HttpRequest) -> JsonResponse | None:
    """A full CSV dump reads every active declaration: a few an hour per address, not 120 a minute."""
    client = client_ip(request) or "unknown"
    limit = settings.API_DUMP_RATE_LIMIT_PER_HOUR
    if throttle.allow(f"api-dump:{client}", limit=limit, window_seconds=3600):
        return None
    response = JsonResponse(
        {
            "error": "rate_limited",
            "detail": f"Full CSV downloads are limited to {limit} an hour per address; try again later "
            "or use the JSON pages.",
        },
        status=429,
    )
    response["Retry-After"] = "3600"
    return response


def _counted(view):
    """Every API answer counts against the limit, a 304 Not Modified included: the throttle
    runs before the conditional-request check of `condition`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return _throttled(request) or view(request, *args, **kwargs)

    return wrapper


def as_json(declaration: Declaration) -> dict:
    return {
        "id": declaration.declaration_id,
        "stars": declaration.stars,
        "status": declaration.status,
        "declared_on": declaration.declared_on.isoformat() if declaration.declared_on else None,
        "organisation": {
            "name": declaration.organisation_name,
            "prefecture": declaration.prefecture,
            "industry": declaration.industry,
        },
    }


def _declaration_for_api(request, declaration_id):
    clean = clean_declaration_id(declaration_id)
    if clean is None:
        return None
    if not hasattr(request, "_api_declaration"):
        request._api_declaration = declaration_by_id(clean)
    return request._api_declaration


def _api_last_modified(request, declaration_id):
    declaration = _declaration_for_api(request, declaration_id)
    return declaration.updated_at if declaration else None


def _api_etag(request, declaration_id):
    declaration = _declaration_for_api(request, declaration_id)
    return f"{declaration.pk}-{declaration.updated_at.timestamp()}" if declaration else None


@require_safe
@reads_from_replica
@_counted
@condition(etag_func=_api_etag, last_modified_func=_api_last_modified)
def api_declaration(request: HttpRequest, declaration_id: str) -> JsonResponse:
    declaration = _declaration_for_api(request, declaration_id)
    if declaration is None or declaration.status == Status.PENDING:
        return JsonResponse({"error": "not_found", "detail": "No declaration has this ID."}, status=404)
    return JsonResponse(as_json(declaration), json_dumps_params={"ensure_ascii": False})


@require_safe
@reads_from_replica
def api_declarations(request: HttpRequest) -> HttpResponse:
    """Active declarations as open data: JSON pages of 100, or CSV (`format=csv`, all rows)."""
    if limited := _throttled(request):
        return limited
    form = RegistrySearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": "bad_request", "detail": form.errors.get_json_data()}, status=400)
    declarations = registry_search(
        prefecture=form.cleaned_data.get("prefecture") or "",
        industry=form.cleaned_data.get("industry") or "",
        stars=form.cleaned_data.get("stars"),
    )
    last_modified = registry_last_modified(declarations)
    etag = quote_etag(f"{request.GET.urlencode()}|{last_modified.timestamp() if last_modified else 0}")
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304)  # counted above, like every answer
    if request.GET.get("format") == "csv":
        if limited := _dump_throttled(request):
            return limited
        response = _csv(declarations)
    else:
        page = CachedCountPaginator(declarations, API_PAGE_SIZE).get_page(request.GET.get("page"))
        response = JsonResponse(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": [as_json(d) for d in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


class _Echo:
    def write(self, value):
        return value


def _csv(declarations) -> HttpResponse:
    writer = csv.writer(_Echo())
    # The rows are read while the response streams, after the view returned: keep the
    # database the view chose (the replica, when there is one).
    declarations = declarations.using(declarations.db)
    header = ["id", "stars", "status", "declared_on", "organisation_name", "prefecture", "industry"]

    def rows():
        yield "\ufeff" + writer.writerow(header)  # BOM: Excel opens the UTF-8 file correctly
        for d in declarations.iterator(chunk_size=2000):
            yield writer.writerow(
                safe_row(
                    [
                        d.declaration_id,
                        d.stars,
                        d.status,
                        d.declared_on.isoformat(),
                        d.organisation_name,
                        d.prefecture,
                        d.industry,
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="security-action-declarations.csv"'
    return response
