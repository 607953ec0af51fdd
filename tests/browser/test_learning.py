"""A learner reads lesson 1, fails the quiz, reads the feedback, passes, downloads the
certificate and opens its verification URL."""

import re

from playwright.sync_api import expect

from learning.models import Certificate, Question, Theme
from learning.quiz import DRAWN
from tests.browser.test_journey import log_in


def test_learn_fail_pass_download_and_verify(journey, member, themes):
    theme = Theme.objects.get(number=1)
    page = journey.page
    journey.goto("/accounts/login/?next=/learning/")
    log_in(page, member.email)
    page.get_by_role("link", name=theme.title).click()
    expect(page.get_by_role("heading", name=theme.scenario_title)).to_be_visible()
    journey.step("lesson")
    page.get_by_role("link", name="確認テストに進む").click()

    def answer(all_right: bool) -> list[Question]:
        """Answer the questions the page drew (the first one wrong unless `all_right`)."""
        names = page.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
        asked = [Question.objects.get(pk=int(name.removeprefix("q_"))) for name in names]
        for index, question in enumerate(asked):
            right = next(c for c in question.choices.all() if c.is_correct)
            wrong = next(c for c in question.choices.all() if not c.is_correct)
            choice = right if all_right or index else wrong
            page.locator(f"input[name=q_{question.pk}][value='{choice.pk}']").check()
        page.get_by_role("button", name="採点する").click()
        return asked

    failed = answer(all_right=False)
    expect(page.get_by_test_id("quiz-score")).to_contain_text(f"{DRAWN - 1} / {DRAWN} 問正解")
    expect(page.get_by_text(failed[0].explanation[:20]).first).to_be_visible()
    journey.step("failed")
    page.get_by_role("link", name="別の問題でもう一度受ける").click()
    retake = answer(all_right=True)
    assert not {q.pk for q in retake} & {q.pk for q in failed}  # a new draw, not the failed one
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
