"""The lesson, quiz and feedback pages show where the learner is: 場面 → 解説 → 確認テスト (issue 16)."""

import re

from django.urls import reverse

from tests.learning.conftest import right_answers, wrong_answers


def steps(html: str) -> list[tuple[str, bool]]:
    """(step text, is current) for each step of the page's indicator, in order."""
    found = re.search(r'<ol class="lesson-steps" data-testid="lesson-steps">(.*?)</ol>', html, re.S)
    assert found, "no step indicator"
    items = re.findall(r"<li([^>]*)>(.*?)</li>", found.group(1), re.S)
    return [
        (re.sub(r"<[^>]+>|\s+", "", body).lstrip("123"), 'aria-current="step"' in attributes)
        for attributes, body in items
    ]


def test_the_lesson_page_is_at_the_scene(client, theme1):
    html = client.get(reverse("learning:theme", args=[1])).content.decode()
    assert steps(html) == [("場面", True), ("解説", False), ("確認テスト", False)]
    assert reverse("learning:quiz", args=[1]) in html


def test_the_quiz_page_is_at_the_quiz_with_the_lesson_steps_done(client, theme1):
    html = client.get(reverse("learning:quiz", args=[1])).content.decode()
    assert steps(html) == [("場面（済み）", False), ("解説（済み）", False), ("確認テスト", True)]
    assert f'{theme1.get_absolute_url()}#explanation-title' in html


def test_the_feedback_page_marks_the_quiz_done_only_when_passed(client_for, member, theme1):
    client = client_for(member)
    failed = client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1), follow=True)
    assert steps(failed.content.decode())[-1] == ("確認テスト", True)
    passed = client.post(reverse("learning:quiz", args=[1]), right_answers(theme1), follow=True)
    assert steps(passed.content.decode())[-1] == ("確認テスト（済み）", True)


def test_exactly_one_step_is_current_on_each_page(client, theme1):
    for url in [reverse("learning:theme", args=[1]), reverse("learning:quiz", args=[1])]:
        html = client.get(url).content.decode()
        assert html.count('aria-current="step"') == 1
