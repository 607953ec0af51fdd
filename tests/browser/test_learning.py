"""A learner reads lesson 1, fails the quiz, reads the feedback, passes, downloads the
certificate and opens its verification URL."""

import re

from playwright.sync_api import expect

from learning.models import Certificate, Theme
from tests.browser.test_journey import log_in


def test_learn_fail_pass_download_and_verify(journey, member, themes):
    theme = Theme.objects.get(number=1)
    questions = list(theme.questions.prefetch_related("choices"))
    page = journey.page
    journey.goto("/accounts/login/?next=/learning/")
    log_in(page, member.email)
    page.get_by_role("link", name=theme.title).click()
    expect(page.get_by_role("heading", name=theme.scenario_title)).to_be_visible()
    journey.step("lesson")
    page.get_by_role("link", name="確認テストに進む").click()

    def answer(all_right: bool):
        for index, question in enumerate(questions):
            right = next(c for c in question.choices.all() if c.is_correct)
            wrong = next(c for c in question.choices.all() if not c.is_correct)
            choice = right if all_right or index else wrong
            page.locator(f"input[name=q_{question.pk}][value='{choice.pk}']").check()
        page.get_by_role("button", name="採点する").click()

    answer(all_right=False)
    expect(page.get_by_test_id("quiz-score")).to_contain_text(
        f"{len(questions) - 1} / {len(questions)} 問正解"
    )
    expect(page.get_by_text(questions[0].explanation[:20]).first).to_be_visible()
    journey.step("failed")
    page.get_by_role("link", name="もう一度受ける").click()
    answer(all_right=True)
    expect(page.get_by_test_id("quiz-score")).to_contain_text("合格です")
    journey.step("passed")

    with page.expect_download() as download:
        page.get_by_role("link", name="修了証をダウンロード").click()
    assert download.value.suggested_filename.endswith(".pdf")
    certificate = Certificate.objects.get(user=member, theme=theme)
    assert re.match(r"certificate-L\d{4}-\d{7}\.pdf", download.value.suggested_filename)

    journey.goto(certificate.get_absolute_url())
    expect(page.get_by_test_id("certificate-status")).to_contain_text("有効")
    expect(page.get_by_text(certificate.number)).to_be_visible()
    journey.step("verified")
