"""The whole self-diagnosis and a whole quiz with the keyboard alone: Tab, arrows, Space, Enter.

No click and no `check()`: the test only presses keys, reads which element has the focus,
and checks that the focus can be seen (an outline or a focus ring on the element, or on
the label that stands for a visually hidden radio button).
"""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from learning.models import Choice

FOCUS = """() => {
  const el = document.activeElement;
  const shown = el.classList.contains('btn-check') ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', name: el.name || '', value: el.value || '',
    text: (el.innerText || '').trim(), checked: !!el.checked,
    visible: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' || style.boxShadow !== 'none',
  };
}"""


def tab_to(page, predicate, limit=60):
    """Press Tab until the focused element satisfies `predicate`; every stop must show its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        assert focus["visible"], f"focus not visible on {focus}"
        if predicate(focus):
            return focus
    raise AssertionError("never reached the element with Tab")


def in_language(journey, language) -> None:
    journey.page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": journey.base_url}]
    )


def label(language: str, japanese: str) -> str:
    with translation.override(language):
        return translation.gettext(japanese)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_whole_self_diagnosis_by_keyboard(journey, questionnaire, language):
    page = journey.page
    in_language(journey, language)
    journey.goto("/diagnosis/take/")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUS)["text"] == label(
        language, "本文へスキップ"
    )  # the first stop skips the header
    page.keyboard.press("Enter")
    for number in range(1, 26):
        # Tab enters the item's radio group on its first option (実施している); one arrow
        # press moves to 一部実施している for the even items.
        focus = tab_to(page, lambda f, n=number: f["type"] == "radio" and f["name"] == f"q{n}")
        page.keyboard.press("Space")
        if number % 2 == 0:
            page.keyboard.press("ArrowRight")
        focus = page.evaluate(FOCUS)
        assert focus["checked"] and focus["value"] == ("partly" if number % 2 == 0 else "yes")
    expect(page.locator("[data-answered]")).to_have_text("25")
    journey.step("answered")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == label(language, "結果を見る"))
    page.keyboard.press("Enter")
    # 13 items "yes" (4 points) and 12 "partly" (2 points): 76 of 100.
    expect(page.get_by_test_id("total-score")).to_contain_text("76")
    journey.step("result")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_whole_quiz_by_keyboard(journey, themes, language):
    page = journey.page
    in_language(journey, language)
    journey.goto("/learning/1/quiz/")
    # The page asks a draw of the pool, each question's options in an order of its own.
    names = page.eval_on_selector_all("input[type=radio]", "els => [...new Set(els.map(e => e.name))]")
    for name in names:
        values = page.eval_on_selector_all(f"input[name={name}]", "els => els.map(e => e.value)")
        right_pk = Choice.objects.get(question_id=int(name.removeprefix("q_")), is_correct=True).pk
        right = values.index(str(right_pk))
        tab_to(page, lambda f, n=name: f["type"] == "radio" and f["name"] == n)
        page.keyboard.press("Space")
        for _ in range(right):
            page.keyboard.press("ArrowDown")
        assert page.evaluate(FOCUS)["value"] == str(right_pk)
    journey.step("answered")
    tab_to(page, lambda f: f["tag"] == "button" and f["text"] == label(language, "採点する"))
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("quiz-score")).to_contain_text(f"{len(names)} / {len(names)}")
    journey.step("passed")
