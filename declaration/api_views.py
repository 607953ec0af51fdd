"""The open-data API (/api/v1/declarations…): one declaration, and the listing as JSON pages
or a streamed CSV, with rate limits that count every answer."""

import csv
import json
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import condition, require_safe

from declaration.forms import RegistrySearchForm, clean_declaration_id
from declaration.models import Declaration, Status
from declaration.selectors import declaration_by_id, registry_last_modified, registry_search
from portal.lib import throttle
from portal.lib.clients import client_ip
from portal.lib.csv_export import safe_row
from portal.lib.industries import Industry
from portal.lib.kept_pages import kept_page
from portal.lib.pagination import CachedCountPaginator
from portal.lib.prefectures import Prefecture
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


# The API's description (OpenAPI 3.1), served as is at /api/v1/openapi.json, shown on /api/ and
# checked against every answer by the tests: the one statement of what the API returns.
OPENAPI_FILE = Path(__file__).resolve().parent / "openapi.json"
API_LANGUAGES = ("ja", "en")


@cache
def openapi() -> dict:
    return json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))


def api_language(request: HttpRequest) -> str:
    """The language of the labels: `?lang=ja|en`, else English when Accept-Language prefers
    English to Japanese, else Japanese. Not the site's cookie: one URL, one answer per header."""
    chosen = request.GET.get("lang", "")
    if chosen in API_LANGUAGES:
        return chosen
    ranked = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in API_LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else "ja"


@cache
def _labels(language: str) -> tuple[dict, dict]:
    with translation.override(language):
        return (
            {code: str(label) for code, label in Prefecture.choices},
            {code: str(label) for code, label in Industry.choices},
        )


def as_json(declaration: Declaration, language: str = "ja") -> dict:
    prefectures, industries = _labels(language)
    return {
        "id": declaration.declaration_id,
        "stars": declaration.stars,
        "status": declaration.status,
        "declared_on": declaration.declared_on.isoformat() if declaration.declared_on else None,
        "reconfirm_by": declaration.reconfirm_by.isoformat() if declaration.reconfirm_by else None,
        "verified": declaration.organisation_verified,
        "verification": {
            "method": declaration.verification_method,
            "at": timezone.localdate(declaration.organisation_verified_at).isoformat(),
        }
        if declaration.organisation_verified and declaration.organisation_verified_at
        else None,
        "superseded": declaration.organisation_superseded,
        "organisation": {
            "name": declaration.organisation_name,
            "prefecture": declaration.prefecture,
            "prefecture_name": prefectures.get(declaration.prefecture, ""),
            "industry": declaration.industry,
            "industry_name": industries.get(declaration.industry, ""),
        },
    }


def _in_language(response: HttpResponse, language: str) -> HttpResponse:
    response["Content-Language"] = language
    patch_vary_headers(response, ["Accept-Language"])
    return response


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
    if declaration is None:
        return None
    return f"{declaration.pk}-{declaration.updated_at.timestamp()}-{api_language(request)}"


@require_safe
@reads_from_replica
@_counted
@condition(etag_func=_api_etag, last_modified_func=_api_last_modified)
def api_declaration(request: HttpRequest, declaration_id: str) -> JsonResponse:
    declaration = _declaration_for_api(request, declaration_id)
    if declaration is None or declaration.status == Status.PENDING:
        return JsonResponse({"error": "not_found", "detail": "No declaration has this ID."}, status=404)
    language = api_language(request)
    return _in_language(
        JsonResponse(as_json(declaration, language), json_dumps_params={"ensure_ascii": False}), language
    )


@require_safe
def api_openapi(request: HttpRequest) -> JsonResponse:
    """The OpenAPI description, as stored."""
    response = JsonResponse(openapi(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


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
        verified=bool(form.cleaned_data.get("verified")),
    )
    last_modified = registry_last_modified(declarations)
    language = api_language(request)
    etag = quote_etag(
        f"{request.GET.urlencode()}|{language}|{last_modified.timestamp() if last_modified else 0}"
    )
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304)  # counted above, like every answer
    if request.GET.get("format") == "csv":
        if limited := _dump_throttled(request):
            return limited
        response = _csv(declarations, language)
    else:
        page = CachedCountPaginator(declarations, API_PAGE_SIZE).get_page(request.GET.get("page"))
        response = JsonResponse(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": [as_json(d, language) for d in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    _in_language(response, language)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


class _Echo:
    def write(self, value):
        return value


def _csv(declarations, language: str = "ja") -> HttpResponse:
    writer = csv.writer(_Echo())
    # The rows are read while the response streams, after the view returned: keep the
    # database the view chose (the replica, when there is one).
    declarations = declarations.using(declarations.db)
    prefectures, industries = _labels(language)
    # The labels come last: the first seven columns keep their places for older readers.
    header = openapi()["paths"]["/declarations"]["get"]["responses"]["200"]["content"]["text/csv"][
        "x-columns"
    ]

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
                        prefectures.get(d.prefecture, ""),
                        industries.get(d.industry, ""),
                        "true" if d.organisation_verified else "false",
                    ]
                )
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="security-action-declarations.csv"'
    return response


# --- The documentation page (/api/ and /en/api/), read from the OpenAPI description --------


def _described(item: dict, language: str) -> str:
    return item.get("x-description-ja", "") if language == "ja" else item.get("description", "")


def _type_of(schema: dict) -> str:
    kind = schema.get("type", "object")
    kind = " | ".join(kind) if isinstance(kind, list) else kind
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if "enum" in schema and len(schema["enum"]) <= 4:
        kind = f"{kind}: {', '.join(str(v) for v in schema['enum'])}"
    return kind


def _fields(schema: dict, language: str, prefix: str = "") -> list[dict]:
    rows = []
    for name, field in schema["properties"].items():
        rows.append(
            {
                "name": f"{prefix}{name}",
                "type": _type_of(field),
                "description": _described(field, language),
                "example": field.get("examples", [""])[0],
            }
        )
        if "properties" in field:  # an object, or an object or null (verification)
            rows += _fields(field, language, prefix=f"{prefix}{name}.")
    return rows


@kept_page()
@require_safe
def documentation(request: HttpRequest) -> HttpResponse:
    language = "en" if (translation.get_language() or "").startswith("en") else "ja"
    spec = openapi()
    listing = spec["paths"]["/declarations"]["get"]
    one = spec["paths"]["/declarations/{id}"]["get"]
    example = one["responses"]["200"]["content"]["application/json"]["examples"][language]["value"]
    page_example = listing["responses"]["200"]["content"]["application/json"]["examples"]["ja"]["value"]
    if language == "en":
        page_example = {**page_example, "results": [example]}
    return render(
        request,
        "registry/api.html",
        {
            "fields": _fields(spec["components"]["schemas"]["Declaration"], language),
            "page_fields": _fields(spec["components"]["schemas"]["DeclarationPage"], language),
            "parameters": [
                {
                    "name": parameter["name"],
                    "type": _type_of(parameter["schema"]),
                    "description": _described(parameter, language),
                }
                for parameter in listing["parameters"]
            ],
            "error_fields": _fields(spec["components"]["schemas"]["Error"], language),
            "example_id": example["id"],
            "example": json.dumps(example, ensure_ascii=False, indent=2),
            "page_example": json.dumps(page_example, ensure_ascii=False, indent=2),
            "csv_columns": listing["responses"]["200"]["content"]["text/csv"]["x-columns"],
            "rate_limit": settings.API_RATE_LIMIT_PER_MINUTE,
            "dump_limit": settings.API_DUMP_RATE_LIMIT_PER_HOUR,
            "version": spec["info"]["version"],
            "api_base": request.build_absolute_uri("/api/v1"),
        },
    )
