"""What each kind of visitor should do first: the role tabs of the home page.

A card whose service is not built yet is shown as 準備中 instead of a broken link: its
URL name simply does not resolve until the service's app adds it.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.lib.links import reverse_once


class Linked:
    """Something that links to a service by URL name, or is 準備中 while that does not exist."""

    url_name: str

    @property
    def url(self) -> str | None:
        try:
            return reverse_once(self.url_name)  # the shell asks for these on every page
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class Card(Linked):
    title: Promise
    text: Promise
    url_name: str
    icon: str
    # Said instead of `text` only when an operator runs the site (settings.PORTAL_OPERATOR): a
    # demonstration installation promises nothing about subsidies.
    operated_text: Promise | None = None


@dataclass(frozen=True)
class RoleTab:
    slug: str
    label: Promise
    lead: Promise
    cards: tuple[Card, ...]


DIAGNOSIS = Card(
    _("セキュリティ健康診断"),
    _("25の質問に答えるだけで、自社の対策状況と次にやるべきことがわかります。"),
    "diagnosis:take",
    "clipboard-check",
)
DECLARE = Card(
    _("SECURITY ACTION を自己宣言"),
    _("★一つ星・★★二つ星を宣言すると、自己宣言IDと宣言マークがすぐに発行されます。"),
    "declaration:apply",
    "award",
)
REGISTRY = Card(
    _("宣言企業を検索・確認"),
    _("このサイトで発行した自己宣言IDが有効かどうか、その場で確かめられます。"),
    "registry:search",
    "search",
    operated_text=_("取引先や補助金申請者の自己宣言IDが有効かどうか、その場で確かめられます。"),
)
ORGANISATION = Card(
    _("組織を登録"),
    _("会社や団体を登録すると、診断結果の保存や宣言、メンバーの招待ができます。"),
    "organisations:new",
    "building-add",
)
HISTORY = Card(
    _("診断の履歴と同業比較"),
    _("過去の結果の推移と、同じ業種・規模の企業との比較を確認できます。"),
    "diagnosis:history",
    "graph-up",
)
MEMBERS = Card(
    _("メンバーを招待"),
    _("担当者や従業員を組織に招待して、一緒に対策を進めましょう。"),
    "organisations:list",
    "people",
)
LEARNING = Card(
    _("セキュリティ ミニ講座"),
    _("職場でよくある場面を題材に、1テーマ5分で正しい対処を学べます。"),
    "learning:index",
    "mortarboard",
)
PROGRESS = Card(
    _("学習の進捗と修了証"),
    _("25テーマの学習状況を一覧で確認し、合格したテーマの修了証を受け取れます。"),
    "learning:progress",
    "patch-check",
)
PRESENTER_SEARCH = Card(
    _("セキュリティプレゼンターを探す"),
    _("地域や得意分野から、セキュリティの講演をお願いできる人を探せます。"),
    "presenters:search",
    "person-video3",
)
PRESENTER_APPLY = Card(
    _("プレゼンターとして登録"),
    _("啓発活動をする方の登録です。公開プロフィールか資料の利用のみかを選べます。"),
    "presenters:apply",
    "person-plus",
)
MATERIALS = Card(
    _("啓発資料のダウンロード"),
    _("登録済みのプレゼンター向けに、講演で使える資料を用意しています。"),
    "presenters:materials",
    "file-earmark-slides",
)

ROLE_TABS = (
    RoleTab(
        "owner",
        _("経営者の方"),
        _("まずは自社の現状を知り、取り組みを宣言しましょう。"),
        (DIAGNOSIS, DECLARE, ORGANISATION, REGISTRY),
    ),
    RoleTab(
        "practitioner",
        _("対策実践者の方"),
        _("診断結果をもとに、弱い項目から対策を進めましょう。"),
        (DIAGNOSIS, HISTORY, MEMBERS, LEARNING),
    ),
    RoleTab(
        "employee",
        _("従業員の方"),
        _("日々の業務で気をつけることを、短い学習で身につけましょう。"),
        (LEARNING, PROGRESS, DIAGNOSIS),
    ),
    RoleTab(
        "presenter",
        _("啓発者・教職員の方"),
        _("地域や学校での啓発活動を支援します。"),
        (PRESENTER_SEARCH, PRESENTER_APPLY, MATERIALS),
    ),
    RoleTab(
        "public",
        _("一般・学生の方"),
        _("情報セキュリティの基本を学び、宣言企業を確かめられます。"),
        (LEARNING, REGISTRY, PRESENTER_SEARCH),
    ),
)


def role_tab(slug: str | None) -> RoleTab:
    return next((tab for tab in ROLE_TABS if tab.slug == slug), ROLE_TABS[0])


@dataclass(frozen=True)
class NavItem(Linked):
    label: Promise
    url_name: str


# The services in the header, in the order a visitor meets them.
NAVIGATION = (
    NavItem(_("健康診断"), "diagnosis:take"),
    NavItem(_("SECURITY ACTION"), "declaration:apply"),
    NavItem(_("宣言企業検索"), "registry:search"),
    NavItem(_("ミニ講座"), "learning:index"),
    NavItem(_("プレゼンター"), "presenters:search"),
)
