"""The second factor in a real browser: a newcomer turns on an authenticator app and logs in
with its code; a passkey is added and logs in alone; a new reviewer is kept out of the console
until they have a second factor."""

import re

from allauth.mfa.models import Authenticator
from playwright.sync_api import expect

from tests import personas
from tests.browser.test_journey import confirm_address_from_last_mail, field, fill_sign_up, log_in, totp_code
from tests.factories import PASSWORD


def enrol_authenticator_app(page, journey) -> str:
    """On the 2FA page: turn on the authenticator app, as a person with the app would."""
    page.locator("main").get_by_role("link", name="有効化する").click()
    # Changing the second factor asks for the password again, however recent the login.
    expect(page.get_by_role("heading", name="アクセス確認")).to_be_visible()
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="確認する").click()
    secret = page.locator("#authenticator_secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{16,}", secret)
    journey.step("authenticator-qr")
    code = totp_code(secret)
    page.locator("input[name=code]").fill(code)
    page.locator("main").locator("button[type=submit]").first.click()
    page.enrolment_code = code  # a code is accepted once: the next login needs the next one
    return secret


def next_code(page, secret) -> str:
    """A code not used yet: allauth refuses a code seen before (replay), so when the test is
    faster than the 30-second step, wait for the authenticator's next code as a person would."""
    import time

    for _ in range(35):
        code = totp_code(secret)
        if code != getattr(page, "enrolment_code", None):
            return code
        time.sleep(1)
    raise AssertionError("the authenticator's code did not change within 35 seconds")


def test_sign_up_verify_enrol_an_authenticator_log_out_and_log_in_with_its_code(journey):
    page = journey.page
    journey.goto("/accounts/signup/")
    fill_sign_up(page, "careful@example.jp")
    page.get_by_role("button", name="登録して確認メールを受け取る").click()
    confirm_address_from_last_mail(page)
    expect(page.get_by_role("link", name="組織を登録").first).to_be_visible()

    journey.goto("/accounts/profile/")
    expect(page.get_by_text("未設定")).to_be_visible()
    page.get_by_role("link", name="二要素認証（認証アプリ・パスキー）").click()
    secret = enrol_authenticator_app(page, journey)
    expect(page.locator("main")).to_contain_text("リカバリーコード")
    journey.step("recovery-codes")

    journey.goto("/accounts/profile/")
    expect(page.get_by_text("設定済み")).to_be_visible()
    page.locator("header").get_by_role("button", name="careful").click()
    page.get_by_role("button", name="ログアウト").click()
    expect(page.locator("header").get_by_role("link", name="ログイン")).to_be_visible()

    journey.goto("/accounts/login/")
    field(page, "メールアドレス").fill("careful@example.jp")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="ログイン", exact=True).click()
    journey.step("asked-for-code")
    page.locator("input[name=code]").fill("000000" if totp_code(secret) != "000000" else "111111")
    page.locator("main").locator("button[type=submit]").first.click()
    expect(page.locator("header").get_by_role("link", name="ログイン")).to_be_visible()  # a wrong code: still out
    page.locator("input[name=code]").fill(next_code(page, secret))
    page.locator("main").locator("button[type=submit]").first.click()
    expect(page.locator("header").get_by_role("button", name="careful")).to_be_visible()
    journey.step("logged-in-with-code")


def test_a_new_reviewer_reaches_the_console_only_after_enrolling(journey):
    reviewer = personas.reviewer("new-reviewer@portal.example.jp", full_name="新任 審査", totp_secret="")
    page = journey.page
    journey.goto("/accounts/login/?next=/review/")
    log_in(page, reviewer.email)
    expect(page.get_by_text("二要素認証（認証アプリまたはパスキー）の登録が必要です")).to_be_visible()
    assert "/review/" not in page.url
    journey.step("refused-console")
    journey.goto("/admin/")
    expect(page.get_by_text("二要素認証（認証アプリまたはパスキー）の登録が必要です")).to_be_visible()

    enrol_authenticator_app(page, journey)
    journey.goto("/review/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.endswith("/review/")
    journey.step("console-open")


def test_a_passkey_is_added_and_then_logs_in_without_a_password(journey, member, settings):
    """Chromium's virtual authenticator (DevTools protocol) plays the phone or security key."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks plain HTTP
    page = journey.page
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    journey.goto("/accounts/login/")
    log_in(page, member.email)
    journey.goto("/accounts/2fa/webauthn/add/")
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="確認する").click()
    page.locator("input[name=name]").fill("事務所のノートPC")
    page.locator("input[name=passwordless]").check()
    journey.step("passkey-form")
    page.locator("#mfa_webauthn_add").click()
    expect(page.locator("main")).to_contain_text("リカバリーコード")
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.WEBAUTHN).exists()
    journey.step("passkey-added")

    page.locator("header").get_by_role("button", name=member.full_name).click()
    page.get_by_role("button", name="ログアウト").click()
    journey.goto("/accounts/login/")
    page.get_by_role("button", name="パスキーでログイン").click()
    expect(page.locator("header").get_by_role("button", name=member.full_name)).to_be_visible()
    journey.step("logged-in-with-passkey")
    used = devtools.send("WebAuthn.getCredentials", {"authenticatorId": authenticator["authenticatorId"]})
    assert [credential["signCount"] > 0 for credential in used["credentials"]] == [True]
