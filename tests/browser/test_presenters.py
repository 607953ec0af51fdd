"""Apply as 公開 → staff approves → found in the prefecture search → a visitor sends a talk
request → the presenter downloads a material."""

import re

from django.core import mail
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from presenters.models import Material
from tests import personas
from tests.browser.test_journey import field, log_in
from tests.factories import TOTP_TEST_SECRET


def test_apply_approve_find_contact_download(journey, member):
    page = journey.page
    journey.goto("/accounts/login/?next=/presenters/apply/")
    log_in(page, member.email)
    page.get_by_label("公開", exact=True).check()
    field(page, "氏名").fill("木村 直子")
    field(page, "ふりがな").fill("きむら なおこ")
    page.get_by_text("活動する都道府県を選ぶ").click()
    page.get_by_label("福岡県").check()
    page.get_by_label("標的型攻撃・フィッシング").check()
    field(page, "連絡先メールアドレス").fill("kimura-private@example.jp")
    field(page, "住所").fill("福岡市中央区非公開1-1")
    page.get_by_label(re.compile("憲章に同意します")).check()
    journey.step("apply")
    page.get_by_role("button", name="申請する").click()
    expect(page.get_by_test_id("presenter-status")).to_have_text("審査中")

    reviewer = personas.reviewer("staff-presenters@portal.example.jp", full_name="審査 担当")
    page.get_by_role("button", name=member.full_name).click()
    page.get_by_role("button", name="ログアウト").click()
    journey.goto("/accounts/login/?next=/review/presenters/")
    log_in(page, reviewer.email, totp_secret=TOTP_TEST_SECRET)
    page.get_by_role("link", name="木村 直子").click()
    page.locator("#reason").fill("内容を確認しました")
    page.get_by_role("button", name="承認する").click()
    expect(page.get_by_text("操作を記録しました。")).to_be_visible()
    journey.step("approved")
    page.get_by_role("button", name="審査 担当").click()
    page.get_by_role("button", name="ログアウト").click()

    journey.goto("/presenters/")
    page.get_by_label("都道府県").select_option("40")
    page.get_by_role("button", name="検索する").click()
    page.get_by_role("link", name="木村 直子").click()
    expect(page.get_by_test_id("presenter-name")).to_have_text("木村 直子")
    expect(page.get_by_text("福岡市中央区非公開")).to_have_count(0)
    field(page, "依頼元の団体・会社名").fill("福岡商工会")
    field(page, "ご担当者名").fill("井上")
    field(page, "ご担当者のメールアドレス").fill("inoue@example.jp")
    field(page, "希望の日時").fill("1月中旬")
    field(page, "場所").fill("会議室")
    field(page, "対象者と人数").fill("20名")
    field(page, "テーマ").fill("フィッシング対策")
    page.get_by_role("button", name="依頼を送る").click()
    expect(page.get_by_text("講演の依頼を送りました")).to_be_visible()
    assert any("kimura-private@example.jp" in m.to for m in mail.outbox)
    journey.step("contacted")

    material = Material(
        title="5か条スライド",
        audience="中小企業",
        filename="slides.pdf",
        size=20,
        content_type="application/pdf",
    )
    material.file.save("slides.pdf", ContentFile(b"%PDF-1.7 test material"), save=True)
    journey.goto("/accounts/login/?next=/presenters/materials/")
    log_in(page, member.email)
    with page.expect_download() as download:
        page.get_by_role("link", name="ダウンロード").click()
    assert download.value.suggested_filename == "slides.pdf"
    material.refresh_from_db()
    assert material.downloads == 1
    journey.step("downloaded")
