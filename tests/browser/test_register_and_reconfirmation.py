"""Two journeys of issue 17 in the browser, by keyboard where a person would use one:

- a new organisation's admin finds their company in the 法人番号 register by name (arrow keys
  through the suggestions), and the form is filled only when they choose 「この内容を入力」;
- an owner re-confirms a declaration that lapsed (要再確認), and the verification page is
  valid again at once with the same ID.
"""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from declaration import services as declaration_services
from declaration.models import Declaration, Status
from portal.lib.corporate_register import import_file
from tests.browser.test_journey import log_in
from tests.factories import UserFactory

REGISTER = Path(__file__).resolve().parents[1] / "portal" / "corporate_register" / "13_tokyo_all_20260130.zip"


def test_the_register_fills_the_organisation_form_when_asked(journey):
    import_file(REGISTER)
    person = UserFactory(email="newcomer@hikari.example.jp")
    page = journey.page
    journey.goto("/accounts/login/?next=/organisations/new/")
    log_in(page, person.email)
    expect(page.locator("#corporate-lookup")).to_be_visible()
    page.locator("#id_name").fill("仮の名前")  # typed by the person: kept until they choose

    search = page.get_by_label("法人名から法人番号を探す")
    search.fill("ひかり")
    search.press("Enter")
    suggestion = page.locator("#corporate-name-results button").first
    expect(suggestion).to_contain_text("合同会社ひかりシステム")
    expect(page.locator("[data-lookup-status]")).not_to_be_empty()  # the live region says how many
    journey.step("suggestions")
    search.press("ArrowDown")
    expect(suggestion).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("#id_corporate_number")).to_have_value("2011001000003")
    expect(page.locator("[data-lookup-found]")).to_be_visible()
    expect(page.locator("#id_name")).to_have_value("仮の名前")  # nothing replaced unasked
    fill = page.get_by_role("button", name="この内容を入力")
    expect(fill).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#id_name")).to_have_value("合同会社ひかりシステム")
    expect(page.locator("#id_name_kana")).to_have_value("ひかりしすてむ")
    expect(page.locator("#id_prefecture")).to_have_value("13")
    expect(page.locator("[data-lookup-status]")).to_contain_text("入力しました")
    journey.step("filled")

    page.locator("#id_corporate_number").fill("2011001000004")  # a wrong check digit
    page.get_by_role("button", name="法人番号で調べる").click()
    expect(page.locator("[data-lookup-status]")).to_contain_text("チェックデジット")
    journey.step("wrong-number")


def test_an_owner_re_confirms_a_lapsed_declaration_and_keeps_the_id(
    journey, organisation, admin, declare, settings
):
    declaration = declare(organisation)
    settings.DECLARATION_RECONFIRM_GRACE_DAYS = 0
    Declaration.objects.filter(pk=declaration.pk).update(
        reconfirm_by=timezone.localdate() - timedelta(days=1)
    )
    assert declaration_services.reconfirmation_lapse() == 1
    the_id = declaration.declaration_id

    page = journey.page
    journey.goto(f"/registry/{the_id}/")
    expect(page.get_by_test_id("verification-status")).to_contain_text("要再確認")
    journey.step("lapsed-verification")

    journey.goto("/accounts/login/?next=/declaration/mine/")
    log_in(page, admin.email)
    banner = page.get_by_test_id("lapsed-banner")
    expect(banner).to_be_visible()
    journey.step("lapsed-mine")
    banner.get_by_role("link", name="再確認する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("自己宣言の再確認")
    page.get_by_role("button", name="再確認する").click()  # nothing ticked: every pledge is named
    expect(page.locator(".invalid-feedback").first).to_contain_text("5か条")
    for checkbox in page.locator("input[name^=pledge_]").all():
        checkbox.check()
    journey.step("reconfirm")
    page.get_by_role("button", name="再確認する").click()

    expect(page.get_by_test_id("declaration-id")).to_have_text(the_id)
    expect(page.get_by_test_id("status")).to_contain_text("有効")
    expect(page.get_by_test_id("reconfirm-by")).to_be_visible()
    journey.goto(f"/registry/{the_id}/")
    expect(page.get_by_test_id("verification-status")).to_contain_text("有効")
    journey.step("restored")
    assert Declaration.objects.get(pk=declaration.pk).status == Status.ACTIVE
