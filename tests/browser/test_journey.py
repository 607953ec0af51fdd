"""A newcomer's first visit, in a real browser."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.factories import PASSWORD


def field(page, label):
    """The input labelled `label` (crispy marks required fields with an asterisk)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def fill_sign_up(page, email=None, name=None):
    """Fill the sign-up form (the e-mail may be prefilled already) and leave it unsent."""
    if email:
        field(page, "メールアドレス").fill(email)
    if name:
        field(page, "氏名").fill(name)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)


def confirm_address_from_last_mail(page):
    """Open the confirmation link of the last mail and press its button: this also logs in."""
    page.goto(re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0))
    page.get_by_role("button", name="メールアドレスを確認する").click()


def test_sign_up_verify_log_in_create_organisation_switch_text_size_log_out(journey):
    page = journey.page
    journey.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("情報セキュリティ対策を")
    journey.step("home")

    page.get_by_role("link", name="利用者登録").first.click()
    fill_sign_up(page, "newcomer@example.jp", "高橋 一郎")
    journey.step("signup-form")
    page.get_by_role("button", name="登録して確認メールを受け取る").click()
    expect(page.get_by_role("heading", name="メールをご確認ください")).to_be_visible()
    journey.step("signup-done")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    journey.step("verify-page")
    page.get_by_role("button", name="メールアドレスを確認する").click()
    # Verifying signs the newcomer in: no second login.
    expect(page.get_by_role("link", name="組織を登録").first).to_be_visible()
    journey.step("verified-and-logged-in")

    page.get_by_role("link", name="組織を登録").first.click()
    field(page, "組織名").fill("株式会社ひかり工業")
    field(page, "法人番号").fill("1180301018771")
    field(page, "都道府県").select_option("23")
    field(page, "業種").select_option("E")
    field(page, "従業員数").select_option("6-20")
    journey.step("organisation-form")
    page.get_by_role("button", name="登録する").click()
    expect(page.locator(".current-organisation")).to_have_text("株式会社ひかり工業")
    journey.step("organisation-created")

    page.get_by_role("button", name="大きく").click()
    expect(page.locator("html")).to_have_class(re.compile("text-size-large"))
    journey.goto("/")
    expect(page.locator("html")).to_have_class(re.compile("text-size-large"))
    journey.step("large-text")

    page.get_by_role("button", name="高橋 一郎").click()
    page.get_by_role("button", name="ログアウト").click()
    expect(page.locator("header").get_by_role("link", name="ログイン")).to_be_visible()
    expect(page.locator(".current-organisation")).to_have_count(0)
    journey.step("logged-out")


def log_in(page, email, totp_secret=None):
    """Log in on the login page; staff then type the current code of their authenticator."""
    field(page, "メールアドレス").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="ログイン", exact=True).click()
    if totp_secret:
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        page.locator("main").locator("button[type=submit]").first.click()


def totp_code(secret):
    """The authenticator's current code, read as a person would: not in the last 3 seconds of
    its 30, when it may change before the server checks it (allauth allows no drift)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_an_admin_invites_a_colleague_who_signs_up_and_joins(journey, organisation, admin):
    page = journey.page
    journey.goto("/accounts/login/")
    log_in(page, admin.email)
    page.locator("[data-testid=organisation-switcher] button").click()
    page.get_by_role("link", name="メンバー一覧").click()
    field(page, "招待する人のメールアドレス").fill("colleague@example.jp")
    page.get_by_role("button", name="招待メールを送る").click()
    expect(page.get_by_text("colleague@example.jp に招待メールを送りました。")).to_be_visible()
    journey.step("invited")
    page.get_by_role("button", name=admin.full_name).click()
    page.get_by_role("button", name="ログアウト").click()

    invitation_link = re.search(r"https?://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    page.goto(invitation_link)
    expect(page.get_by_text("「株式会社さくら精機」から")).to_be_visible()
    journey.step("invitation-anonymous")
    page.locator("main").get_by_role("link", name="利用者登録").click()
    expect(field(page, "メールアドレス")).to_have_value("colleague@example.jp")
    fill_sign_up(page, name="伊藤 さくら")
    # The invitation proved the address: no verification mail, straight back to the invitation.
    page.get_by_role("button", name="登録する", exact=True).click()
    page.get_by_role("button", name="招待を受けて参加する").click()
    expect(page.get_by_text("「株式会社さくら精機」に参加しました。")).to_be_visible()
    expect(page.locator(".current-organisation")).to_have_text("株式会社さくら精機")
    # A new member lands where their work starts: the mini-lessons.
    expect(page).to_have_url(re.compile(r"/learning/$"))
    journey.step("joined")
