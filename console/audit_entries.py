"""The audit log in words: a label for every action code the portal writes, the kinds of
thing the entries are about, and where each entry's target can be opened.

Codes are "<kind>.<what happened>" (portal.lib.audit); the review transitions write
"declaration.<ReviewEvent action>" and "presenter.<PresenterEvent action>"
(portal.lib.transitions). A code missing here is shown as it is, so a new one is never
hidden — tests/console/test_audit_log.py checks that every code written in the sources has
a label.

Links are built from the target's text alone (no query per row): a declaration ID opens
the console's case page through a redirect, a presenter its review page, everything else
the admin's page or search for it.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

# kind → what the entries are about
KINDS = {
    "declaration": _("自己宣言"),
    "presenter": _("プレゼンター"),
    "certificate": _("修了証"),
    "membership": _("組織のメンバー"),
    "login": _("ログインの記録"),
    "export": _("データの書き出し"),
    "outbox": _("送信メール"),
    "account": _("アカウント"),
    "organisation": _("組織"),
}

# code → what happened, in words
ACTIONS = {
    "declaration.submitted": _("自己宣言の申込み"),
    "declaration.upgraded": _("二つ星への変更"),
    "declaration.changed": _("自己宣言の内容の変更"),
    "declaration.confirmed": _("自己宣言の確認"),
    "declaration.correction": _("自己宣言の修正依頼"),
    "declaration.suspended": _("自己宣言の停止"),
    "declaration.reinstated": _("自己宣言の再開"),
    "declaration.withdrawn": _("自己宣言の取り下げ"),
    "declaration.reminded": _("自己宣言の再確認のお知らせ"),
    "declaration.lapsed": _("自己宣言の再確認の期限切れ（要再確認）"),
    "declaration.reconfirmed": _("自己宣言の再確認"),
    "presenter.applied": _("プレゼンターの申請"),
    "presenter.changed": _("プレゼンターの公開内容の変更"),
    "presenter.approved": _("プレゼンターの承認"),
    "presenter.rejected": _("プレゼンターの不承認"),
    "presenter.changes": _("プレゼンターへの修正依頼"),
    "presenter.declined": _("プレゼンターの変更の不承認"),
    "presenter.suspended": _("プレゼンターの停止"),
    "presenter.reinstated": _("プレゼンターの再開"),
    "presenter.withdrawn": _("プレゼンターの退会"),
    "presenter.kind": _("プレゼンターの登録の種類の変更"),
    "certificate.revocation_requested": _("修了証の取り消し依頼"),
    "certificate.revoke": _("修了証の取り消し"),
    "certificate.decline": _("修了証の取り消し依頼の却下"),
    "membership.role": _("メンバーの役割の変更"),
    "membership.remove": _("メンバーの削除"),
    "login.failed": _("ログインの失敗"),
    "login.locked_out": _("ログインの一時停止（失敗の繰り返し）"),
    "login.staff": _("運営スタッフのログイン"),
    "export.audit_log": _("監査ログの書き出し"),
    "export.statistics": _("運営の統計の書き出し"),
    "export.personal_data": _("個人データの書き出し"),
    "export.organisation_data": _("組織のデータの書き出し"),
    "export.team_progress": _("メンバーの学習状況の書き出し"),
    "outbox.list": _("送信メールの一覧の閲覧"),
    "outbox.view": _("送信メールの閲覧"),
    "outbox.retry": _("送信メールの再送"),
    "account.delete": _("アカウントの削除"),
    "login.oidc": _("GビズIDなど外部アカウントでのログイン"),
    "login.oidc_refused": _("外部アカウントでのログインの拒否（宣言できないアカウント種別）"),
    "account.oidc_connected": _("外部アカウントとの連携"),
    "membership.from_claims": _("本人確認済みの組織への参加（GビズIDの法人番号）"),
    "organisation.verified": _("組織の本人確認"),
    "organisation.verification_revoked": _("組織の本人確認の取り消し"),
    "organisation.superseded": _("法人番号の重複（本人確認済みの組織が優先）"),
    "organisation.collision_released": _("法人番号の重複の解消"),
}

DECLARATION_ID = re.compile(r"\d+")
PRESENTER = re.compile(r"presenter (\d+)")
PENDING_DECLARATION = re.compile(r"declaration (\d+)")
CERTIFICATE = re.compile(r"L\d{4}-(\d{7,})")


def kind_of(code: str) -> str:
    return code.split(".", 1)[0]


def action_label(code: str) -> str:
    return str(ACTIONS.get(code, code))


def action_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The actions for a select, grouped by kind (an <optgroup> each)."""
    return [
        (str(label), [(code, str(ACTIONS[code])) for code in ACTIONS if kind_of(code) == kind])
        for kind, label in KINDS.items()
    ]


@dataclass(frozen=True)
class Row:
    entry: object
    label: str
    known: bool
    kind: str
    target_url: str


def target_url(code: str, target: str) -> str:
    """Where the target of an entry with `code` opens, or "" (the target alone decides)."""
    kind = kind_of(code)
    if kind == "declaration":
        if DECLARATION_ID.fullmatch(target):
            return reverse("review:declaration_by_id", args=[target])
        if match := PENDING_DECLARATION.fullmatch(target):
            return reverse("review:detail", args=[int(match[1])])
    elif kind == "presenter" and (match := PRESENTER.fullmatch(target)):
        return reverse("review:presenter", args=[int(match[1])])
    elif kind == "certificate" and (match := CERTIFICATE.fullmatch(target)):
        return reverse("admin:learning_certificate_change", args=[int(match[1])])
    elif kind == "membership" and target:
        return _admin_search("portal_user", target)
    elif (kind == "organisation" or code in ("export.team_progress", "export.organisation_data")) and target:
        return _admin_search("portal_organisation", target)
    elif code == "export.statistics" and target:
        return reverse("review:statistics") + f"#{target}"
    elif code == "outbox.view" and target.isdigit():
        return reverse("admin:portal_outboxmessage_change", args=[int(target)])
    return ""


def _admin_search(model: str, text: str) -> str:
    return reverse(f"admin:{model}_changelist") + "?" + urlencode({"q": text})


def rows(entries) -> list[Row]:
    return [
        Row(
            entry=entry,
            label=action_label(entry.action),
            known=entry.action in ACTIONS,
            kind=str(KINDS.get(kind_of(entry.action), "")),
            target_url=target_url(entry.action, entry.target),
        )
        for entry in entries
    ]
