"""Nothing typed in the self-diagnosis is lost (issue 16): a reload, or a closed tab (a new page
load in the same browser), shows the answers chosen so far — a visitor's from the browser's
storage, a member's from the organisation's draft on the server — and errors clear as items are
answered."""

import time

from playwright.sync_api import expect

from diagnosis.models import Assessment, Status
from tests.browser.test_journey import log_in

TAKE = "/diagnosis/take/"
LABELS = {
    "yes": "実施している",
    "partly": "一部実施している",
    "no": "実施していない",
    "unknown": "わからない",
}


def answer(page, number, value="yes"):
    page.locator(f"#item-{number}").get_by_text(LABELS[value], exact=True).click()


def radio(page, number, value="yes"):
    return page.locator(f"#item-{number} input[value={value}]")


def test_a_visitors_answers_survive_a_reload_and_a_closed_tab_and_go_once_submitted(journey, questionnaire):
    page = journey.page
    journey.goto(TAKE)
    expect(page.get_by_text("回答はこのブラウザーに一時的に保存されます")).to_be_visible()
    for number, value in [(1, "yes"), (2, "partly"), (3, "no"), (25, "unknown")]:
        answer(page, number, value)
    page.get_by_label("業種（任意）").select_option("E")
    expect(page.locator("[data-answered]")).to_have_text("4")

    page.reload()
    expect(page.locator("[data-answered]")).to_have_text("4")
    for number, value in [(1, "yes"), (2, "partly"), (3, "no"), (25, "unknown")]:
        expect(radio(page, number, value)).to_be_checked()
    expect(page.get_by_label("業種（任意）")).to_have_value("E")
    expect(page.get_by_text("前回このブラウザーで選んだ回答（4問）を表示しています。")).to_be_visible()
    journey.step("visitor-reloaded")

    # A closed tab: the same browser opens the page anew.
    page.close()
    page = journey.page = page.context.new_page()
    journey.goto(TAKE)
    expect(page.locator("[data-answered]")).to_have_text("4")
    expect(radio(page, 2, "partly")).to_be_checked()

    for number in range(4, 25):
        answer(page, number)
    page.get_by_role("button", name="結果を見る").click()
    expect(page.get_by_test_id("total-score")).to_be_visible()
    assert Assessment.objects.get().stats_industry == "E"

    journey.goto(TAKE)  # the result exists: the stored answers were for it, and are gone
    expect(page.locator("[data-answered]")).to_have_text("0")
    expect(page.locator("[data-restored]")).to_be_hidden()
    journey.step("visitor-after-result")


def test_a_visitor_may_clear_the_stored_answers(journey, questionnaire):
    page = journey.page
    journey.goto(TAKE)
    answer(page, 5)
    page.reload()
    page.get_by_role("button", name="回答を消去して最初から").click()
    expect(page.locator("[data-answered]")).to_have_text("0")
    page.reload()
    expect(radio(page, 5)).not_to_be_checked()


def test_errors_clear_as_items_are_answered(journey, questionnaire):
    page = journey.page
    journey.goto(TAKE)
    for number in range(1, 24):
        answer(page, number)
    page.get_by_role("button", name="結果を見る").click()

    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("まだ回答していない設問があります")
    expect(summary.locator("li")).to_have_count(2)
    expect(page.locator("#item-24-error")).to_be_visible()
    journey.step("summary")
    # The answers sent are back, and the browser keeps them again.
    expect(page.locator("[data-answered]")).to_have_text("23")

    summary.get_by_role("link", name="設問24").click()
    expect(radio(page, 24, "yes")).to_be_focused()
    answer(page, 24)
    expect(page.locator("#item-24-error")).to_have_count(0)
    expect(summary.locator("li")).to_have_count(1)
    answer(page, 25, "no")
    expect(summary).to_contain_text("すべての設問に回答しました")
    expect(summary).to_have_class("alert alert-success")
    journey.step("summary-cleared")

    page.reload()  # sends the refused form again: the answers chosen since fill the empty items
    expect(page.locator("[data-answered]")).to_have_text("25")


def wait_for_draft(count, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        draft = Assessment.objects.filter(status=Status.DRAFT).first()
        if draft is not None and len(draft.answers) == count:
            return draft
        time.sleep(0.1)
    raise AssertionError(f"no draft with {count} answers")


def test_a_members_answers_are_kept_on_the_server_through_a_reload_and_a_closed_tab(
    journey, questionnaire, organisation, member
):
    page = journey.page
    journey.goto("/accounts/login/")
    log_in(page, member.email)
    journey.goto(TAKE)
    expect(page.get_by_text("回答は選ぶたびに自動で保存されます")).to_be_visible()
    answer(page, 1, "no")
    answer(page, 2, "partly")
    expect(page.locator("[data-save-status]")).to_contain_text("に自動保存しました")
    assert wait_for_draft(2).answers == {"1": "no", "2": "partly"}
    journey.step("member-saved")

    page.reload()
    expect(radio(page, 1, "no")).to_be_checked()
    expect(radio(page, 2, "partly")).to_be_checked()
    expect(page.locator("[data-answered]")).to_have_text("2")

    # Answered, then the tab closed at once (before the delayed save): sent as the page goes.
    answer(page, 3, "unknown")
    page.close(run_before_unload=True)
    wait_for_draft(3)
    page = journey.page = page.context.new_page()
    journey.goto(TAKE)
    expect(radio(page, 3, "unknown")).to_be_checked()
    expect(page.locator("[data-answered]")).to_have_text("3")
    journey.step("member-new-tab")

    for number in range(4, 26):
        answer(page, number)
    page.get_by_role("button", name="結果を見る").click()
    expect(page.get_by_test_id("total-score")).to_be_visible()
    assessment = Assessment.objects.get()
    assert assessment.status == Status.COMPLETED and assessment.organisation == organisation
    assert not Assessment.objects.filter(status=Status.DRAFT).exists()
