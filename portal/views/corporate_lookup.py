"""The organisation form's look-up in the 法人番号 register (JSON, for static/portal/js/
corporate_lookup.js). It reads only the NTA's public register, never the portal's
organisations: whether someone registered a number must not show (tests/security)."""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from portal import selectors
from portal.forms import CorporateLookupForm
from portal.lib import throttle
from portal.lib.text import katakana_to_hiragana
from portal.models import CorporateRecord


def _place(record: CorporateRecord) -> str:
    return f"{record.get_prefecture_display()}{record.city}"


def _number_answer(number: str) -> dict:
    record = selectors.corporate_record(number)
    if record is None:
        return {
            "status": "not_found",
            "message": _(
                "この法人番号は、ポータルの法人番号データに見つかりませんでした（データに載っていない"
                "法人もあります）。番号はこのまま登録できます。組織名などを入力してください。"
            ),
        }
    message = _("「%(name)s」（%(place)s）が見つかりました。") % {
        "name": record.name,
        "place": _place(record),
    }
    if record.closed_on:
        message += _("この法人は%(date)sに登記記録が閉鎖されています。") % {
            "date": date_format(record.closed_on)
        }
    return {
        "status": "found",
        "message": message,
        "record": {
            "number": record.number,
            "name": record.name,
            "name_kana": katakana_to_hiragana(record.furigana),
            "prefecture": record.prefecture,
            "prefecture_name": record.get_prefecture_display(),
            "address": record.address,
            "closed_on": record.closed_on.isoformat() if record.closed_on else None,
        },
    }


def _name_answer(name: str) -> dict:
    records = selectors.corporate_records_named(name)
    if records:
        message = ngettext("%(count)s件の候補があります。", "%(count)s件の候補があります。", len(records))
    else:
        message = _("「%(name)s」を含む法人は見つかりませんでした。")
    return {
        "status": "found" if records else "not_found",
        "message": message % {"count": len(records), "name": name},
        "results": [
            {
                "number": record.number,
                "name": record.name,
                "prefecture_name": record.get_prefecture_display(),
                "city": record.city,
            }
            for record in records
        ],
    }


@require_GET
@cache_control(private=True, max_age=300)
def corporate_lookup(request: HttpRequest) -> JsonResponse:
    """?number=<法人番号> → the record to fill the form with; ?name=<part of a name> → up to ten
    numbers to choose from. Signed-in people only, and throttled per person."""
    if not request.user.is_authenticated:
        return JsonResponse({"status": "error", "message": _("ログインしてください。")}, status=401)
    if not throttle.allow(
        f"corporate-lookup:{request.user.pk}", limit=settings.CORPORATE_LOOKUPS_PER_MINUTE, window_seconds=60
    ):
        response = JsonResponse(
            {"status": "error", "message": _("検索が多すぎます。1分ほどしてからお試しください。")}, status=429
        )
        response["Retry-After"] = "60"
        return response
    form = CorporateLookupForm(request.GET)
    if not form.is_valid():
        messages = [message for errors in form.errors.values() for message in errors]
        return JsonResponse({"status": "invalid", "message": " ".join(messages)}, status=400)
    if form.cleaned_data["number"]:
        return JsonResponse(_number_answer(form.cleaned_data["number"]))
    return JsonResponse(_name_answer(form.cleaned_data["name"]))
