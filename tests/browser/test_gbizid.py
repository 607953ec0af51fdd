"""GビズID in a browser, against the local OpenID Connect provider running as its own process:
a Prime account signs in, completes its verified organisation and declares ★, which the
registry and the API show as verified; an Entry account is refused; an e-mail account
connects GビズID from its profile; a squatter gives way to the verified company."""

import json
import re

from playwright.sync_api import expect

from declaration import services as declaration_services
from portal.models import Organisation, Role
from tests.browser.test_journey import field, log_in
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tools.oidc_provider.accounts import DEMO_PASSWORD

CONTACT = {"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"}


def provider_log_in(page, username):
    """The provider's own login page (the stand-in for GビズID's)."""
    expect(page.get_by_role("heading", level=1)).to_contain_text("GビズID")
    page.get_by_label("アカウントID").fill(username)
    page.get_by_label("パスワード").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="ログイン").click()


def complete_organisation(journey, page):
    expect(page.get_by_test_id("verified-claims")).to_be_visible()
    field(page, "業種").select_option("E")
    field(page, "従業員数").select_option("6-20")
    journey.step("organisation-form")
    page.locator("main").get_by_role("button", name="登録する").click()


def test_a_prime_account_declares_as_a_verified_organisation(journey, gbizid):
    page = journey.page
    journey.goto("/accounts/login/")
    journey.step("login")
    page.get_by_role("button", name="GビズIDでログイン").click()
    provider_log_in(page, "prime")
    expect(page).to_have_url(re.compile("/organisations/new/$"))
    expect(field(page, "組織名")).to_have_value("株式会社ビズ精機")
    expect(field(page, "組織名")).to_be_disabled()
    expect(page.locator("#corporate-lookup")).to_be_hidden()  # the number is locked: nothing to look up
    complete_organisation(journey, page)
    expect(page.get_by_test_id("verified-badge").first).to_be_visible()
    journey.step("home-verified")

    journey.goto("/declaration/apply/")
    page.get_by_label("★ 一つ星").check()
    for checkbox in page.locator("input[name^=pledge_]").all():
        checkbox.check()
    field(page, "担当者名").fill("山田 太郎")
    field(page, "担当者のメールアドレス").fill("yamada@biz.example.jp")
    field(page, "電話番号").fill("03-1234-5678")
    page.get_by_label("補助金の申請").check()
    page.get_by_label(re.compile("同意します")).check()
    page.get_by_role("button", name="入力内容を確認する").click()
    page.get_by_role("button", name="宣言する").click()
    declaration_id = page.get_by_test_id("declaration-id").inner_text().strip()

    journey.goto("/registry/?verified=1")
    expect(page.get_by_test_id("registry-verified")).to_be_visible()
    journey.step("registry-verified")
    page.get_by_role("link", name="株式会社ビズ精機").click()
    expect(page.get_by_test_id("verification-organisation")).to_contain_text(
        "GビズIDで法人番号と名称を確認しました"
    )
    journey.step("verification")
    journey.goto(f"/en/registry/{declaration_id}/")
    expect(page.get_by_test_id("verification-organisation")).to_contain_text("confirmed with gBizID")
    journey.step("verification-en")
    api = json.loads(page.request.get(journey.base_url + f"/api/v1/declarations/{declaration_id}").text())
    assert api["verified"] is True and api["verification"]["method"] == "gbizid"


def test_an_entry_account_is_refused_in_both_languages(journey, gbizid):
    page = journey.page
    journey.goto("/accounts/login/")
    page.get_by_role("button", name="GビズIDでログイン").click()
    provider_log_in(page, "entry")
    expect(page.get_by_test_id("account-type-refused")).to_contain_text("GビズIDプライム")
    journey.step("refused")
    journey.page.context.clear_cookies()
    journey.goto("/en/accounts/login/")
    page.get_by_role("button", name="Sign in with gBizID").click()
    provider_log_in(page, "entry")
    expect(page.get_by_test_id("account-type-refused")).to_contain_text("gBizID Prime")
    journey.step("refused-en")


def test_an_email_account_connects_gbizid_from_its_profile(journey, gbizid):
    page = journey.page
    user = UserFactory(email="someone@connect.example.jp", full_name="連携 花子")
    journey.goto("/accounts/login/")
    log_in(page, user.email)
    journey.goto("/accounts/profile/")
    journey.step("profile")
    page.get_by_role("button", name="GビズIDと連携する").click()
    provider_log_in(page, "connector")
    complete_organisation(journey, page)
    expect(page.get_by_test_id("verified-badge").first).to_be_visible()
    journey.goto("/accounts/profile/")
    expect(page.get_by_test_id("provider-connected")).to_be_visible()
    journey.step("connected")
    assert Organisation.objects.get(corporate_number="7010001008803").memberships.get().user == user


def test_a_squatter_gives_way_to_the_verified_company(journey, gbizid):
    page = journey.page
    squatter_admin = UserFactory(email="squatter@example.jp", full_name="先取 太郎")
    squatter = OrganisationFactory(name="なりすまし工業", corporate_number="8010001008802")
    MembershipFactory(organisation=squatter, user=squatter_admin, role=Role.ADMIN)
    declaration_services.declaration_submit(
        organisation=squatter, user=squatter_admin, stars=1, contact=CONTACT, purpose="customer"
    )
    journey.goto("/registry/")
    expect(page.get_by_role("link", name="なりすまし工業")).to_be_visible()

    journey.goto("/accounts/login/")
    page.get_by_role("button", name="GビズIDでログイン").click()
    provider_log_in(page, "collider")
    complete_organisation(journey, page)
    journey.goto("/registry/")
    expect(page.get_by_role("link", name="なりすまし工業")).to_have_count(0)
    journey.step("registry-without-squatter")

    page.context.clear_cookies()
    journey.goto("/accounts/login/")
    log_in(page, squatter_admin.email)
    journey.goto("/my/")
    expect(page.get_by_test_id("home-superseded")).to_be_visible()
    journey.step("squatter-home")
    journey.goto("/en/my/")
    expect(page.get_by_test_id("home-superseded")).to_contain_text("verified")
    journey.step("squatter-home-en")
