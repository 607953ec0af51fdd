"""A reviewer works through the console: finds a declaration from the workspace search and
suspends it, approves a presenter application, and reads both in the audit log."""

from playwright.sync_api import expect

from presenters import services as presenter_services
from tests import personas
from tests.browser.test_journey import log_in
from tests.factories import TOTP_TEST_SECRET, UserFactory
from tests.helpers import theme_passed
from tests.presenters.conftest import PROFILE


def test_reviewer_handles_a_declaration_a_presenter_and_a_certificate(
    journey, organisation, declare, member, themes
):
    from learning import services as learning_services
    from learning.models import Theme

    declaration = declare(organisation)
    certificate = theme_passed(member, Theme.objects.get(number=1))
    learning_services.revocation_request(
        certificate=certificate, user=member, reason="別の人の名前で発行された"
    )
    presenter_services.presenter_apply(user=UserFactory(), prefectures=["13"], kind="public", **PROFILE)
    reviewer = personas.reviewer("console@portal.example.jp", full_name="審査 太郎")

    page = journey.page
    journey.goto("/accounts/login/?next=/review/")
    log_in(page, reviewer.email, totp_secret=TOTP_TEST_SECRET)
    counts = page.get_by_test_id("queue-count")
    expect(counts.nth(0)).to_have_text("1")  # declarations waiting for review
    expect(counts.nth(2)).to_have_text("1")  # presenter applications
    journey.step("workspace")

    page.get_by_label("自己宣言ID・組織名・担当者・プレゼンター名で検索").fill(declaration.declaration_id)
    page.get_by_role("button", name="検索", exact=True).click()
    page.get_by_role("link", name=f"{declaration.declaration_id} 株式会社さくら精機").click()
    page.locator("#suspend_reason").fill("連絡先の確認が取れないため")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="停止する").click()
    expect(page.get_by_text("操作を記録しました。")).to_be_visible()
    journey.step("declaration-suspended")

    journey.goto("/review/")
    page.get_by_role("link", name="プレゼンター：申請").click()
    page.get_by_role("link", name="田中 誠").click()
    page.locator("#reason").fill("申請内容を確認しました")
    page.get_by_role("button", name="承認する").click()
    expect(page.get_by_text("操作を記録しました。")).to_be_visible()
    journey.step("presenter-approved")

    journey.goto("/review/")
    page.get_by_role("link", name="修了証：取り消し依頼").click()
    expect(page.get_by_text("別の人の名前で発行された")).to_be_visible()
    page.get_by_label("判断の理由").fill("本人の申し出を確認")
    page.get_by_role("button", name="取り消す").click()
    expect(page.get_by_text("対応待ちの依頼はありません。")).to_be_visible()
    journey.step("certificate-revoked")

    journey.goto("/review/audit/")
    expect(page.get_by_text("declaration.suspended")).to_be_visible()
    expect(page.get_by_text("presenter.approved")).to_be_visible()
    expect(page.get_by_text("certificate.revoke")).to_be_visible()
    journey.step("audit")
