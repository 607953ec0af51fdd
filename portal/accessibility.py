"""What the accessibility statement (/accessibility/) says, in one place.

The pages listed here are exactly the pages tests/browser/test_accessibility.py checks
with axe-core in both languages (a test compares the two lists and the axe-core
version), so the statement cannot claim more than the test suite proves.
"""

from django.utils.translation import gettext_lazy as _

STANDARD = "JIS X 8341-3:2016 AA (WCAG 2.1 AA)"
AXE_CORE_VERSION = "4.14.1"
LAST_CHECKED = "2026-11-26"
LANGUAGES_CHECKED = ["ja", "en"]
PAGES_CHECKED = [
    ("home", _("ホーム")),
    ("login", _("ログイン")),
    ("signup", _("利用者登録")),
    ("password-reset", _("パスワードの再設定")),
    ("diagnosis-take", _("セキュリティ健康診断の回答")),
    ("registry-search", _("宣言企業の検索")),
    ("registry-verify", _("自己宣言の確認")),
    ("registry-statistics", _("宣言の統計")),
    ("learning-index", _("ミニ講座のテーマ一覧")),
    ("learning-theme", _("ミニ講座のテーマ")),
    ("learning-quiz", _("確認テスト")),
    ("certificate-verify", _("修了証の確認")),
    ("presenters-search", _("セキュリティプレゼンターの検索")),
    ("presenter-profile", _("プレゼンターのプロフィール")),
    ("privacy", _("個人情報の取り扱い")),
    ("accessibility-statement", _("アクセシビリティ方針")),
    ("about", _("このサイトについて")),
    ("item-guides", _("25項目の解説")),
    ("item-guide", _("項目の解説")),
    ("documents", _("書式集")),
    ("glossary", _("用語集")),
    ("help", _("困ったときの相談先")),
    ("certificate-lookup", _("修了証の番号での確認")),
    ("api-documentation", _("APIの説明")),
    ("not-found", _("ページが見つからないとき")),
    ("diagnosis-result", _("セキュリティ健康診断の結果")),
    ("diagnosis-history", _("セキュリティ健康診断の履歴")),
    ("declaration-mine", _("自己宣言のマイページ")),
    ("declaration-reconfirm", _("自己宣言の再確認")),
    ("organisation-new", _("組織の登録（法人番号データからの入力）")),
    ("policy-builder", _("基本方針ビルダー")),
    ("learning-progress", _("学習の進捗")),
    ("signed-in-home", _("マイページ（組織の管理者）")),
    ("learning-team", _("チームの学習状況")),
    ("organisation", _("組織の情報")),
    ("profile", _("プロフィール")),
    ("password-change", _("パスワードの変更")),
    ("two-factor", _("二要素認証")),
    ("two-factor-app", _("認証アプリの登録")),
    ("presenter-apply", _("プレゼンターの登録")),
    ("review-workspace", _("審査コンソール")),
    ("reviewer-home", _("マイページ（審査担当者）")),
    ("review-declaration", _("自己宣言の審査")),
    ("review-organisations", _("組織の本人確認と法人番号の重複")),
]
KNOWN_EXCEPTIONS = [
    _(
        "PDF（診断レポート・修了証・基本方針）は、タグ付きPDFではありません。同じ内容はすべてHTMLのページでも読めます。"
    ),
    _(
        "宣言マークの画像は、マークそのものを示す代替テキストだけを持ちます。宣言の状態は確認ページの文字で確かめてください。"
    ),
]
CONTACT_EMAIL = "accessibility@security-action.example.jp"
