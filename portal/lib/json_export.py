"""Stored records as downloadable JSON: "download my data" and an organisation's data.

Every service's `personal_data` / `organisation_data` selector builds its part with `rows`;
the console joins the parts and answers with `download`.
"""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse


def rows(queryset, *fields: str) -> list[dict]:
    """`fields` of every row of `queryset` as dicts (related fields spelt as in `values()`)."""
    return [dict(zip(fields, values, strict=True)) for values in queryset.values_list(*fields)]


def download(data: dict, *, filename: str) -> JsonResponse:
    """`data` as an attachment, readable in Japanese (no \\u escapes) and indented."""
    response = JsonResponse(
        data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
