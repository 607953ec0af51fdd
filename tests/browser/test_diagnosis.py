"""An owner takes the self-diagnosis anonymously, then keeps the result in a new account."""


from playwright.sync_api import expect

from tests.browser.test_journey import confirm_address_from_last_mail, field, fill_sign_up


def test_answer_anonymously_see_result_then_save_into_a_new_organisation(journey, questionnaire):
    page = journey.page
    journey.goto("/")
    page.get_by_role("link", name="健康診断をはじめる").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("セキュリティ健康診断")
    answers = ["実施している"] * 20 + ["一部実施している"] * 3 + ["わからない", "実施していない"]
    for number, answer in enumerate(answers, 1):
        page.locator(f"#item-{number}").get_by_text(answer, exact=True).click()
    expect(page.locator("[data-answered]")).to_have_text("25")
    journey.step("answered")
    page.get_by_role("button", name="結果を見る").click()

    # 20 × 4 + 3 × 2 − 1 + 0 = 85
    expect(page.get_by_test_id("total-score")).to_have_text("85")
    expect(page.get_by_text("おおむね対策できています")).to_be_visible()
    expect(page.locator("svg.chart").first).to_be_visible()
    expect(page.get_by_text("「わからない」が1問あります")).to_be_visible()
    journey.step("result")

    page.get_by_role("link", name="この結果を保存する").click()
    page.get_by_role("link", name="はじめての方は利用者登録（無料）").click()
    fill_sign_up(page, "owner@example.jp", "中村 洋子")
    page.get_by_role("button", name="登録して確認メールを受け取る").click()
    confirm_address_from_last_mail(page)
    # Verifying signs the owner in and goes on to saving the result.

    expect(page.get_by_role("heading", name="診断結果を保存する")).to_be_visible()
    page.locator("main").get_by_role("link", name="組織を登録する").click()
    field(page, "組織名").fill("中村製作所")
    field(page, "都道府県").select_option("40")
    field(page, "業種").select_option("E")
    field(page, "従業員数").select_option("1-5")
    page.get_by_role("button", name="登録する").click()
    journey.step("choose-organisation")
    page.get_by_role("button", name="この組織に保存する").click()
    expect(page.get_by_text("診断結果を「中村製作所」に保存しました。")).to_be_visible()
    expect(page.get_by_test_id("total-score")).to_have_text("85")

    page.get_by_role("link", name="履歴").click()
    expect(page.get_by_role("heading", name="セキュリティ健康診断の履歴")).to_be_visible()
    expect(page.locator("main table tbody tr")).to_have_count(1)
    expect(page.locator("main table tbody")).to_contain_text("85")
    journey.step("history")
