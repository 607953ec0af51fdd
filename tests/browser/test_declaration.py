"""An owner declares ★, finds it in the registry and the API, upgrades to ★★ with a built
policy, and a reviewer suspends it."""

import json
import re

from playwright.sync_api import expect

from tests import personas
from tests.browser.test_journey import field, log_in
from tests.factories import TOTP_TEST_SECRET


def test_declare_verify_upgrade_and_suspend(journey, organisation, admin, complete):
    page = journey.page
    journey.goto("/accounts/login/")
    log_in(page, admin.email)
    page.get_by_role("navigation", name="メインメニュー").get_by_role(
        "link", name="SECURITY ACTION", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("自己宣言")
    page.get_by_label("★ 一つ星").check()
    for checkbox in page.locator("input[name^=pledge_]").all():
        checkbox.check()
    field(page, "担当者名").fill("山田 太郎")
    field(page, "担当者のメールアドレス").fill("yamada@sakura.example.jp")
    field(page, "電話番号").fill("03-1234-5678")
    page.get_by_label("補助金の申請").check()
    page.get_by_label(re.compile("同意します")).check()
    journey.step("apply")
    page.get_by_role("button", name="入力内容を確認する").click()
    expect(page.get_by_role("heading", name="申込み内容の確認")).to_be_visible()
    page.get_by_role("button", name="宣言する").click()

    declaration_id = page.get_by_test_id("declaration-id").inner_text().strip()
    assert re.fullmatch(r"4\d{10}", declaration_id)
    expect(page.get_by_test_id("level")).to_contain_text("一つ星")
    journey.step("mine")

    journey.goto("/registry/")
    field(page, "組織名（ふりがなでも可）").fill("さくら精機")
    page.get_by_role("button", name="検索する").click()
    page.get_by_role("link", name="株式会社さくら精機").click()
    expect(page.get_by_test_id("verification-status")).to_contain_text("有効")
    journey.step("registry")

    api = json.loads(page.request.get(journey.base_url + f"/api/v1/declarations/{declaration_id}").text())
    assert (api["id"], api["stars"], api["status"]) == (declaration_id, 1, "active")

    complete(organisation)  # a recent self-diagnosis (the diagnosis journey is tested on its own)
    journey.goto("/policies/edit/")
    page.get_by_role("button", name="保存する").click()
    page.get_by_role("button", name="公開する").click()
    expect(page.get_by_text("公開中", exact=True)).to_be_visible()
    journey.goto("/declaration/mine/")
    page.get_by_role("link", name="二つ星にする").click()
    page.get_by_label("このポータルで作成して公開した基本方針").check()
    page.get_by_role("button", name="二つ星にする").click()
    expect(page.get_by_test_id("level")).to_contain_text("二つ星")
    expect(page.get_by_test_id("declaration-id")).to_have_text(declaration_id)
    journey.step("upgraded")

    reviewer = personas.reviewer(full_name="審査 担当")
    page.get_by_role("button", name=admin.full_name).click()
    page.get_by_role("button", name="ログアウト").click()
    journey.goto("/accounts/login/?next=/review/declarations/")
    log_in(page, reviewer.email, totp_secret=TOTP_TEST_SECRET)
    page.get_by_role("link", name=declaration_id).click()
    page.locator("#suspend_reason").fill("確認のため一時停止")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="停止する").click()
    expect(page.get_by_text("確認のため一時停止").first).to_be_visible()
    journey.step("suspended")

    journey.goto(f"/registry/{declaration_id}/")
    expect(page.get_by_test_id("verification-status")).to_contain_text("停止中")
    journey.step("verification")
