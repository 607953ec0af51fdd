"""Guided journeys (issue 16): each person's work walked from the signed-in home (/my/),
following only what the pages offer — links and buttons; nothing is typed into the address
bar but the first page and the links that arrive by e-mail.

- owner: sign up → verify → /my/ → organisation → self-diagnosis → result → ★ → policy
  builder → publish → ★★ → /my/ shows ★★ done;
- employee: invitation → sign up (no second verification) → learning → theme 1's quiz →
  certificate → /my/ shows the progress;
- presenter: apply → a reviewer approves in the console → /my/ shows the profile and a talk
  request a visitor made;
- reviewer: /my/'s queue counts → queue → a case → confirm (no reason) → the audit log says it
  in words.

Every stop checks that the next step is offered (a link or button naming it) and, where the
person typed something and came back, that it was kept. Each journey runs in Japanese at 1280 px
with standard text and in English at 360 px with large text; the Japanese one also runs axe on
every stop. The screenshots of every stop are kept in test-artifacts/guided-<journey>-<variant>/
whether the test passes or not. The owner's Japanese journey is measured (page loads, clicks,
answers and ticks, typed addresses, next steps the pages failed to offer) the way the numbers
before issue 16 were taken, and the counts are printed and kept as counts.json.
"""

import json
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from tests.browser.test_accessibility import BLOCKING, WIDEST, axe_violations
from tests.browser.test_journey import totp_code
from tests.factories import PASSWORD, TOTP_TEST_SECRET


@dataclass(frozen=True)
class Variant:
    language: str
    width: int
    large_text: bool

    @property
    def id(self) -> str:
        return f"{self.language}-{self.width}{'-large' if self.large_text else ''}"


JAPANESE = Variant("ja", 1280, large_text=False)
ENGLISH = Variant("en", 360, large_text=True)
VARIANTS = [pytest.param(JAPANESE, id=JAPANESE.id), pytest.param(ENGLISH, id=ENGLISH.id)]


def words(variant: Variant, text: str, context: str | None = None) -> str:
    """What the page says for the Japanese source `text` in the variant's language (from the
    catalogue, so a test never hard-codes the English)."""
    with translation.override(variant.language):
        return translation.pgettext(context, text) if context else translation.gettext(text)


class Counter:
    """Counts what a person does (as /tmp/measure's owner measurement did before issue 16):
    main-frame page loads, clicks on links and buttons, answers and ticks, typed addresses, and
    the next steps a page failed to offer. `paused()` leaves out the checks the measurement did
    not make (a form sent with an error, a reload)."""

    def __init__(self, page):
        self.page, self.clicks, self.answers, self.typed, self.pages = page, 0, 0, 0, 0
        self.missing: list[str] = []
        self.counting = True
        page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if self.counting and frame == self.page.main_frame:
            self.pages += 1

    def click(self, locator):
        if self.counting:
            self.clicks += 1
        locator.click()

    def answer(self, locator):
        if self.counting:
            self.answers += 1
        locator.click()

    def typed_url(self, url):
        if self.counting:
            self.typed += 1
        self.page.goto(url)

    @contextmanager
    def paused(self):
        self.counting = False
        try:
            yield
        finally:
            self.page.wait_for_load_state()
            self.counting = True

    def result(self) -> dict:
        return {
            "page_loads": self.pages,
            "clicks_on_links_and_buttons": self.clicks,
            "answers_and_ticks": self.answers,
            "typed_urls": self.typed,
            "next_steps_missing": self.missing,
        }


class Person:
    """One person's browser (own context: own cookies) in a variant; every stop is photographed
    into the journey's shared list of screenshots and, when `axe` is set, checked with axe."""

    def __init__(self, journey, browser, variant: Variant, who: str, *, page=None, axe: bool = False):
        self.journey, self.variant, self.who, self.axe = journey, variant, who, axe
        if page is None:
            context = browser.new_context(viewport={"width": variant.width, "height": 900}, locale="ja-JP")
            context.set_default_timeout(10_000)
            page = context.new_page()
            journey.extra_contexts.append(context)
        else:
            page.set_viewport_size({"width": variant.width, "height": 900})
        self.page = page
        self.count = Counter(page)
        self.violations: list[str] = []
        self.japanese: list[str] = []  # Japanese words left on English pages

    def t(self, text: str, context: str | None = None) -> str:
        return words(self.variant, text, context)

    def url(self, path: str) -> str:
        prefix = "/en" if self.variant.language == "en" else ""
        return self.journey.base_url + prefix + path

    def start(self, path: str, *, typed: bool = True, switch: bool = False):
        """The first page: the one address this person types (`typed=False`: a link from an
        e-mail). English comes from the /en/ address, or with `switch` (and for a link from an
        e-mail in Japanese) from the header's language switch, which a signed-in person's mails
        then follow."""
        url = path if path.startswith("http") or switch else self.url(path)
        if not url.startswith("http"):
            url = self.journey.base_url + url
        if typed:
            self.count.typed_url(url)
        else:
            self.page.goto(url)
        self.settle()

    def settle(self):
        """The variant's language (the header's switch) and text size (its 「大きく」)."""
        with self.count.paused():
            if self.page.locator("html").get_attribute("lang") != self.variant.language:
                name = "English" if self.variant.language == "en" else "日本語"
                self.page.locator("header").get_by_role("button", name=name, exact=True).click()
            if self.variant.large_text and "text-size-large" not in self.page.locator("html").get_attribute(
                "class"
            ):
                self.page.get_by_role("button", name=self.t("大きく"), exact=True).click()
                expect(self.page.locator("html")).to_have_class(re.compile("text-size-large"))
        expect(self.page.locator("html")).to_have_attribute("lang", self.variant.language)

    def stop(self, name: str):
        """A stop of the journey: in the variant's language, not scrolling sideways, photographed,
        and (for the variant checked with axe) without serious or critical violations."""
        page = self.page
        page.wait_for_load_state()
        expect(page.locator("html")).to_have_attribute("lang", self.variant.language)
        overflow = page.evaluate("document.documentElement.scrollWidth") - self.variant.width
        assert overflow <= 0, f"{self.who} at {name}: {overflow}px sideways: {page.evaluate(WIDEST)}"
        self.journey.shots.append((f"{self.who}-{name}", page.screenshot(full_page=True)))
        if self.variant.language == "en":
            self.japanese += [f"{self.who} at {name}: «{line}»" for line in japanese_lines(page)]
        if self.axe:
            self.violations += [
                f"{self.who} at {name} ({page.url}): {v['impact']} {v['id']} — {v['help']} {v['nodes']}"
                for v in axe_violations(page)
                if v["impact"] in BLOCKING
            ]

    # --- finding what the page offers -------------------------------------------------

    def link(self, text: str, context: str | None = None, *, within=None, exact: bool = True):
        scope = within if within is not None else self.page.locator("main")
        return scope.get_by_role("link", name=self.t(text, context), exact=exact)

    def button(self, text: str, context: str | None = None, *, within=None, exact: bool = True):
        scope = within if within is not None else self.page.locator("main")
        return scope.get_by_role("button", name=self.t(text, context), exact=exact)

    def offered(self, locator, step: str):
        """Assert that the next step is offered: the link or button naming it is visible."""
        expect(locator.first, f"{self.who}: the page offers «{step}»").to_be_visible()
        return locator.first

    def field(self, label: str):
        """The input labelled `label` (crispy marks required fields with an asterisk)."""
        return self.page.get_by_label(re.compile(rf"^\s*{re.escape(self.t(label))}\s*\*?\s*$"))

    def header_link(self, text: str, context: str | None = None):
        """A link of the header's utility bar (マイページ, 組織を登録…)."""
        return self.page.locator("header .utility-bar").get_by_role("link", name=self.t(text, context))

    def main_menu(self):
        """The main menu, opened first on a small screen where it is folded behind its button."""
        nav = self.page.get_by_role("navigation", name=self.t("メインメニュー"))
        toggler = nav.locator(".navbar-toggler")
        if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
            self.count.click(toggler)
            expect(nav.locator("#main-nav")).to_have_class(re.compile(r"\bshow\b"))  # opened
        return nav

    def go_home(self):
        """Back to /my/ through the header's マイページ."""
        self.count.click(self.header_link("マイページ", "signed-in home"))
        expect(self.page).to_have_url(re.compile(r"/my/$"))

    def log_in(self, email: str, totp_secret: str | None = None):
        self.page.locator("input[name=login]").fill(email)  # labelled by allauth's own catalogue
        self.page.locator("input[name=password]").fill(PASSWORD)
        self.count.click(self.button("ログイン"))
        if totp_secret:
            # Staff type their authenticator's code; one typed as it changes is refused (as it
            # would be for a person), so wait for a fresh one near the end of a 30-second step.
            if time.time() % 30 > 25:
                time.sleep(30.5 - time.time() % 30)
            self.page.locator("input[name=code]").fill(totp_code(totp_secret))
            self.count.click(self.page.locator("main").locator("button[type=submit]").first)
            expect(self.page).not_to_have_url(re.compile(r"/2fa/authenticate/"))


@pytest.fixture
def people(request, journey, browser):
    """Makes the people of a journey; saves every stop's screenshot when the test ends (pass or
    fail) and closes their browsers."""
    journey.extra_contexts = []
    made: list[Person] = []

    def make(variant: Variant, who: str, *, axe: bool = False) -> Person:
        page = None if made else journey.page  # the first person uses the journey's page
        person = Person(journey, browser, variant, who, page=page, axe=axe)
        made.append(person)
        return person

    yield make
    folder = journey.save(f"guided-{request.node.name}")
    if getattr(journey, "counts", None) is not None:
        (folder / "counts.json").write_text(
            json.dumps(journey.counts, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    print(f"\nScreenshots of each stop: {folder}")
    for context in journey.extra_contexts:
        context.close()
    japanese = [line for person in made for line in person.japanese]
    if japanese:  # reported, not failed: the catalogue is merged from each part's strings later
        (folder / "japanese-on-english-pages.txt").write_text("\n".join(japanese) + "\n", encoding="utf-8")
        print("Japanese left on English pages:\n" + "\n".join(japanese))
    violations = [violation for person in made for violation in person.violations]
    assert not violations, "\n".join(violations)


# What people typed (names, organisations, requests) is theirs and stays in Japanese.
TYPED = re.compile(
    "株式会社|中村|洋子|製作所|伊藤|さくら|木村|直子|きむら|なおこ|福岡|商工会|井上|1月中旬|会議室|20名|フィッシング対策|審査|担当|花子|佐藤|総務部"
)
JAPANESE_TEXT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


def japanese_lines(page) -> list[str]:
    """Lines of an English page still in Japanese, apart from what people typed."""
    text = page.locator("body").inner_text()
    return [
        line.strip()
        for line in text.splitlines()
        if JAPANESE_TEXT.search(TYPED.sub("", line)) and line.strip() not in {"日本語"}
    ]


def sign_up(person: Person, email: str | None, name: str):
    if email:
        person.page.locator("input[name=email]").fill(email)  # labelled by allauth's own catalogue
    person.field("氏名").fill(name)
    person.page.locator("input[name=password1]").fill(PASSWORD)
    person.page.locator("input[name=password2]").fill(PASSWORD)


def mailed_link(pattern: str) -> str:
    return re.search(rf"https?://\S+{pattern}", mail.outbox[-1].body).group(0)


# --- owner ----------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_owner_from_sign_up_to_two_stars(people, questionnaire, themes, variant):
    owner = people(variant, "owner", axe=variant == JAPANESE)
    page, count, t = owner.page, owner.count, owner.t
    owner.start("/")
    owner.stop("home")

    count.click(owner.offered(owner.main_menu().get_by_role("link", name=t("利用者登録")), "利用者登録"))
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    with count.paused():
        # A sign-up sent with the passwords not matching comes back with what was typed.
        sign_up(owner, "owner@example.jp", "中村 洋子")
        page.locator("input[name=password2]").fill(PASSWORD + "x")
        owner.button("登録して確認メールを受け取る").click()
        expect(page.locator(".error-summary, [role=alert]").first).to_be_visible()
        expect(page.locator("input[name=email]")).to_have_value("owner@example.jp")
        expect(owner.field("氏名")).to_have_value("中村 洋子")
        owner.stop("sign-up-error-kept")
    sign_up(owner, None, "中村 洋子")
    count.click(owner.button("登録して確認メールを受け取る"))
    expect(page.get_by_role("heading", name=t("メールをご確認ください"))).to_be_visible()
    owner.stop("check-your-mail")

    page.goto(mailed_link(r"/accounts/confirm-email/\S+/"))
    owner.stop("verify")
    count.click(owner.button("メールアドレスを確認する"))
    # Verifying logs in and lands on the signed-in home, which offers registering an organisation.
    expect(page).to_have_url(re.compile(r"/my/$"))
    owner.stop("my-first")

    count.click(owner.offered(owner.link("組織を登録する"), "組織を登録する"))
    with count.paused():
        owner.button("登録する").click()  # nothing typed: every error at once, named
        expect(page.locator(".error-summary").first).to_be_visible()
        owner.stop("organisation-errors")
    owner.field("組織名").fill("中村製作所")
    owner.field("都道府県").select_option("40")
    owner.field("業種").select_option("E")
    owner.field("従業員数").select_option("1-5")
    count.click(owner.button("登録する"))
    expect(page.locator(".current-organisation")).to_have_text("中村製作所")
    owner.stop("organisation-created")

    expect(page).to_have_url(re.compile(r"/my/$"))  # the new organisation's task list
    next_step = page.get_by_test_id("next-step")
    count.click(owner.offered(owner.link("診断をはじめる（約5分）", within=next_step), "診断をはじめる"))
    expect(page).to_have_url(re.compile(r"/diagnosis/take/"))
    yes = "label.answer-yes"  # 「実施している」 (its words come with the questionnaire)
    for number in range(1, 11):
        count.answer(page.locator(f"#item-{number} {yes}"))
    with count.paused():
        # The answers so far are the organisation's draft: a reload (or a closed tab) keeps them.
        page.wait_for_timeout(1500)  # the draft is saved a moment after the last answer
        page.reload()
        for number in range(1, 11):
            expect(page.locator(f"#item-{number} input[type=radio]:checked")).to_have_count(1)
        owner.stop("diagnosis-reloaded")
    for number in range(11, 26):
        count.answer(page.locator(f"#item-{number} {yes}"))
    count.click(owner.button("結果を見る"))
    expect(page.get_by_test_id("total-score")).to_have_text("100")
    owner.stop("result")

    offer = page.get_by_test_id("declaration-offer")
    expect(offer.get_by_test_id("two-star-needs")).to_contain_text(t("公開した情報セキュリティ基本方針"))
    onward = offer.get_by_test_id("declaration-offer-link")
    if not onward.count():
        count.missing.append("result → declaration")
    count.click(owner.offered(onward, "宣言に進む"))
    count.answer(page.get_by_label(t("★ 一つ星")))
    for checkbox in page.locator("input[name^=pledge_]").all():
        count.answer(checkbox)
    owner.field("担当者名").fill("中村 洋子")
    owner.field("担当者のメールアドレス").fill("owner@example.jp")
    owner.field("電話番号").fill("092-000-1234")
    count.answer(page.get_by_label(t("補助金の申請")))
    with count.paused():
        # Sent without the consent: the error is named, and everything typed is kept as typed.
        owner.button("入力内容を確認する").click()
        expect(page.locator(".error-summary").first).to_be_visible()
        expect(owner.field("電話番号")).to_have_value("092-000-1234")
        expect(owner.field("担当者名")).to_have_value("中村 洋子")
        expect(page.get_by_label(t("★ 一つ星"))).to_be_checked()
        owner.stop("declaration-error-kept")
    count.answer(page.get_by_label(t("上記の同意事項に同意します")))
    count.click(owner.button("入力内容を確認する"))
    expect(page.get_by_role("heading", name=t("申込み内容の確認"))).to_be_visible()
    owner.stop("declaration-check")
    count.click(owner.button("宣言する"))
    expect(page.get_by_test_id("level")).to_contain_text(t("一つ星"))
    owner.stop("one-star")

    builder = owner.link("基本方針ビルダーを開く")
    if not builder.count():
        count.missing.append("★ page → policy builder")
        owner.go_home()
        builder = page.get_by_test_id("next-step").get_by_role("link", name=t("基本方針ビルダーで作る"))
    count.click(owner.offered(builder, "基本方針ビルダー"))
    count.click(owner.button("保存する"))
    owner.stop("policy-saved")
    count.click(owner.offered(owner.button("公開する"), "公開する"))
    expect(page.get_by_text(t("公開中"), exact=True)).to_be_visible()
    owner.stop("policy-published")

    upgrade = page.get_by_test_id("declaration-offer").get_by_role("link", name=t("二つ星にする"))
    if not upgrade.count():
        count.missing.append("published policy → ★★")
    count.click(owner.offered(upgrade, "二つ星にする"))
    count.answer(page.get_by_label(t("このポータルで作成して公開した基本方針")))
    count.click(owner.button("二つ星にする"))
    expect(page.get_by_test_id("level")).to_contain_text(t("二つ星"))
    owner.stop("two-stars")

    counts = count.result()
    with count.paused():
        owner.go_home()
        expect(page.get_by_test_id("task-two_star")).to_contain_text(t("完了"))
        expect(page.get_by_test_id("task-declaration").get_by_test_id("declaration-state")).to_contain_text(
            t("二つ星")
        )
        owner.stop("my-two-stars-done")
    if variant == JAPANESE:
        print("OWNER JOURNEY", json.dumps(counts, ensure_ascii=False))
        owner.journey.counts = counts  # kept beside the screenshots as counts.json
        assert counts["next_steps_missing"] == []


# --- employee -------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_employee_from_invitation_to_certificate(people, organisation, admin, themes, variant):
    from learning.models import Question, Theme
    from portal import services as portal_services
    from portal.models import Role

    portal_services.invitation_create(
        organisation=organisation, email="colleague@example.jp", role=Role.MEMBER, invited_by=admin
    )
    employee = people(variant, "employee", axe=variant == JAPANESE)
    page, t = employee.page, employee.t
    # The invitation's link is in Japanese (the admin's language); the English reader switches.
    employee.start(mailed_link(r"/invitations/\S+/"), typed=False)
    expect(page.locator("main")).to_contain_text("株式会社さくら精機")
    employee.stop("invitation")

    employee.offered(employee.link("利用者登録して参加"), "利用者登録して参加").click()
    expect(page.locator("input[name=email]")).to_have_value("colleague@example.jp")
    with employee.count.paused():
        # Sent with the passwords not matching: the error is named and what was typed stays.
        sign_up(employee, None, "伊藤 さくら")
        page.locator("input[name=password2]").fill(PASSWORD + "x")
        employee.button("登録する").click()
        expect(page.get_by_test_id("error-summary")).to_be_visible()
        expect(page.locator("input[name=email]")).to_have_value("colleague@example.jp")
        expect(employee.field("氏名")).to_have_value("伊藤 さくら")
        employee.stop("sign-up-error-kept")
    sign_up(employee, None, "伊藤 さくら")
    employee.stop("sign-up")
    # The invitation proved the address: no verification mail, straight back to the invitation.
    outbox = len(mail.outbox)
    employee.button("登録する").click()
    assert len(mail.outbox) == outbox, [m.subject for m in mail.outbox[outbox:]]
    employee.offered(employee.button("招待を受けて参加する"), "招待を受けて参加する").click()
    expect(page.locator(".current-organisation")).to_have_text("株式会社さくら精機")
    # A new member lands where their work starts: the mini-lessons.
    expect(page).to_have_url(re.compile(r"/learning/$"))
    employee.stop("learning")

    theme = Theme.objects.get(number=1)
    with translation.override(variant.language):
        title = str(theme.title)
    employee.offered(page.locator("main").get_by_role("link", name=title), title).click()
    employee.stop("lesson")
    employee.offered(employee.link("確認テストに進む"), "確認テストに進む").click()
    names = page.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    asked = [Question.objects.get(pk=int(name.removeprefix("q_"))) for name in names]
    for question in asked:
        right = next(choice for choice in question.choices.all() if choice.is_correct)
        page.locator(f"input[name=q_{question.pk}][value='{right.pk}']").check()
    employee.stop("quiz")
    employee.button("採点する").click()
    expect(page.get_by_test_id("quiz-score")).to_contain_text(f"{len(asked)} / {len(asked)}")
    employee.stop("passed")

    with page.expect_download() as download:
        employee.offered(employee.link("修了証をダウンロード"), "修了証をダウンロード").click()
    assert download.value.suggested_filename.endswith(".pdf")

    employee.go_home()
    learning = page.get_by_test_id("home-learning")
    expect(learning).to_contain_text(t("%(passed)s / %(themes)s テーマ合格") % {"passed": 1, "themes": 25})
    second = Theme.objects.get(number=2)
    with translation.override(variant.language):
        second_title = str(second.title)
    expect(learning.get_by_test_id("learning-continue")).to_contain_text(second_title)
    expect(page.get_by_test_id("home-member")).to_be_visible()
    employee.stop("my-progress")


# --- presenter ------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_presenter_applies_is_approved_and_gets_a_request(people, db, variant):
    from tests import personas
    from tests.factories import UserFactory

    user = UserFactory(email="kimura@example.jp", full_name="木村 直子")
    reviewer_user = personas.reviewer("presenter-reviewer@portal.example.jp", full_name="審査 担当")
    axe = variant == JAPANESE
    presenter = people(variant, "presenter", axe=axe)
    page, t = presenter.page, presenter.t
    presenter.start("/accounts/login/", switch=True)
    presenter.log_in(user.email)
    expect(page).to_have_url(re.compile(r"/my/$"))
    presenter.settle()  # the header's language switch, signed in: the account's mails follow it
    presenter.stop("my-first")

    presenter.offered(presenter.link("プレゼンターとして登録"), "プレゼンターとして登録").click()
    page.get_by_label(t("公開", "presenter kind"), exact=True).check()
    presenter.field("氏名").fill("木村 直子")
    presenter.field("ふりがな").fill("きむら なおこ")
    page.get_by_text(t("活動する都道府県を選ぶ")).click()
    page.get_by_label(t("福岡県")).check()
    page.get_by_label(t("標的型攻撃・フィッシング")).check()
    presenter.field("連絡先メールアドレス").fill("kimura-private@example.jp")
    presenter.field("住所").fill("福岡市中央区非公開1-1")
    # Sent without agreeing to the charter: the error is named and everything typed is kept.
    presenter.button("申請する").click()
    expect(page.get_by_test_id("error-summary")).to_be_visible()
    expect(presenter.field("氏名")).to_have_value("木村 直子")
    expect(presenter.field("連絡先メールアドレス")).to_have_value("kimura-private@example.jp")
    expect(page.get_by_label(t("福岡県"))).to_be_checked()
    presenter.stop("apply-error-kept")
    page.get_by_label(t("セキュリティプレゼンター憲章に同意します")).check()
    presenter.button("申請する").click()
    expect(page.get_by_test_id("presenter-status")).to_have_text(t("審査中"))
    presenter.stop("applied")
    presenter.go_home()
    expect(page.get_by_test_id("presenter-state")).to_be_visible()
    presenter.stop("my-pending")

    reviewer = people(variant, "reviewer", axe=axe)
    reviewer.start("/accounts/login/")
    reviewer.log_in(reviewer_user.email, totp_secret=TOTP_TEST_SECRET)
    expect(reviewer.page).to_have_url(re.compile(r"/my/$"))
    queue = reviewer.offered(reviewer.link("プレゼンター：申請"), "プレゼンター：申請")
    expect(queue.locator("xpath=..").get_by_test_id("queue-count")).to_have_text("1")
    reviewer.stop("my-queues")
    queue.click()
    reviewer.offered(reviewer.link("木村 直子"), "木村 直子").click()
    reviewer.stop("application")
    reviewer.button("承認する").click()  # approving needs no reason
    expect(reviewer.page.get_by_text(reviewer.t("操作を記録しました。"))).to_be_visible()
    reviewer.stop("approved")

    # The approval mail leads the presenter to their profile.
    presenter.page.goto(mailed_link(r"/presenters/\S*"))
    presenter.stop("approval-mail-link")

    visitor = people(variant, "visitor", axe=axe)
    visitor.start("/presenters/")
    visitor.stop("presenters")
    filters = visitor.page.locator("details.presenter-filters")
    if filters.get_attribute("open") is None:  # folded on a phone, so that results come first
        filters.locator("summary").click()
    visitor.page.get_by_label(visitor.t("都道府県")).select_option("40")
    visitor.button("検索する").click()
    visitor.offered(visitor.link("木村 直子"), "木村 直子").click()
    expect(visitor.page.get_by_text("福岡市中央区非公開")).to_have_count(0)
    visitor.field("依頼元の団体・会社名").fill("福岡商工会")
    visitor.field("ご担当者名").fill("井上")
    visitor.field("ご担当者のメールアドレス").fill("inoue@example.jp")
    visitor.field("希望の日時").fill("1月中旬")
    visitor.field("場所").fill("会議室")
    visitor.field("対象者と人数").fill("20名")
    visitor.field("テーマ").fill("フィッシング対策")
    visitor.stop("request")
    visitor.button("依頼を送る").click()
    expect(
        visitor.page.get_by_text(
            visitor.t("講演の依頼を送りました。プレゼンターから直接ご連絡があります。")
        ).first
    ).to_be_visible()
    visitor.stop("request-sent")

    presenter.go_home()
    expect(page.get_by_test_id("presenter-state")).to_contain_text(t("承認"))
    expect(page.get_by_test_id("talk-requests")).to_contain_text("福岡商工会")
    presenter.offered(presenter.link("公開プロフィールを見る"), "公開プロフィールを見る")
    presenter.stop("my-approved-with-request")


# --- reviewer -------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", VARIANTS)
def test_reviewer_confirms_a_declaration_and_reads_it_in_the_audit_log(
    people, organisation, declare, variant
):
    from tests import personas

    declaration = declare(organisation)
    reviewer_user = personas.reviewer("confirm-reviewer@portal.example.jp", full_name="審査 花子")
    reviewer = people(variant, "reviewer", axe=variant == JAPANESE)
    page, t = reviewer.page, reviewer.t
    reviewer.start("/accounts/login/")
    reviewer.log_in(reviewer_user.email, totp_secret=TOTP_TEST_SECRET)
    expect(page).to_have_url(re.compile(r"/my/$"))
    queue = reviewer.offered(reviewer.link("自己宣言：確認待ち"), "自己宣言：確認待ち")
    expect(queue.locator("xpath=..").get_by_test_id("queue-count")).to_have_text("1")
    reviewer.stop("my-queues")

    queue.click()
    reviewer.stop("queue")
    reviewer.offered(reviewer.link(declaration.declaration_id), declaration.declaration_id).click()
    reviewer.stop("case")
    reviewer.offered(reviewer.button("確認済みにする"), "確認済みにする").click()  # no reason needed
    expect(page.get_by_text(t("操作を記録しました。"))).to_be_visible()
    reviewer.stop("confirmed")

    reviewer.offered(reviewer.header_link("審査コンソール"), "審査コンソール").click()
    reviewer.offered(reviewer.link("監査ログ"), "監査ログ").click()
    row = page.locator("tbody tr").filter(has_text=declaration.declaration_id).first
    expect(row).to_be_visible()
    reviewer.stop("audit")
    # In words: the action's label, not only its code.
    label = row.locator("td").nth(1).inner_text().splitlines()[0]
    assert re.search(r"[぀-ヿ一-鿿]" if variant.language == "ja" else r"[A-Za-z]{3,} [A-Za-z]", label), label
    assert "declaration." not in label, label
