"""A quiz draws 3 questions of the theme's pool, avoids the last attempt's questions and
shuffles the options, so that copying a failed attempt's answers does not pass the next one."""

import random
import re

from django.urls import reverse

from learning.models import Attempt, Question
from learning.quiz import DRAWN, draw
from learning.selectors import quiz_questions
from tests.learning.conftest import a_draw, right_answers, wrong_answers

QUESTION = re.compile(r'name="q_(\d+)"')


def asked(page: str) -> list[int]:
    return list(dict.fromkeys(int(pk) for pk in QUESTION.findall(page)))


def test_a_quiz_page_asks_three_questions_of_the_pool(client, theme1):
    pool = {question.pk for question in quiz_questions(theme1)}
    page = client.get(reverse("learning:quiz", args=[1])).content.decode()
    assert len(asked(page)) == DRAWN and set(asked(page)) <= pool
    assert 'name="draw"' in page


def test_a_draw_avoids_the_questions_it_is_told_to_avoid_while_the_pool_allows():
    pool = [Question(pk=n) for n in range(1, 7)]
    for seed in range(20):
        chosen = draw(pool, theme_id=1, avoid={1, 2, 3}, rng=random.Random(seed))
        assert set(chosen.question_ids()) == {4, 5, 6}
    small = draw(pool[:4], theme_id=1, avoid={1, 2, 3}, rng=random.Random(0))
    assert 4 in small.question_ids() and len(small.question_ids()) == DRAWN


def test_options_come_in_an_order_of_their_own_for_each_draw(theme1):
    orders = set()
    for seed in range(12):
        quiz = a_draw(theme1, seed=seed)
        orders |= {tuple(c.number for c in quiz.choices(question)) for question in quiz.questions}
    assert len(orders) > 1
    quiz = a_draw(theme1)
    assert [c.pk for c in quiz.choices(quiz.questions[0])] == [c.pk for c in quiz.choices(quiz.questions[0])]


def test_a_member_s_retake_avoids_the_questions_of_the_failed_attempt(client_for, member, theme1):
    client = client_for(member)
    client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
    failed = {int(pk) for pk in Attempt.objects.get().answers}
    for _ in range(5):
        page = client.get(reverse("learning:quiz", args=[1])).content.decode()
        assert not set(asked(page)) & failed


def test_a_visitor_s_retake_link_avoids_the_questions_just_asked(client, theme1):
    quiz = a_draw(theme1)
    feedback = client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1, quiz=quiz))
    retake = re.search(r'href="([^"]*/quiz/\?after=[^"]+)"', feedback.content.decode()).group(1)
    page = client.get(retake.replace("&amp;", "&")).content.decode()
    assert not set(asked(page)) & set(quiz.question_ids())


def test_passing_means_every_drawn_question_right_and_the_attempt_shows_what_was_asked(
    client_for, member, theme1
):
    client = client_for(member)
    quiz = a_draw(theme1, seed=3)
    response = client.post(reverse("learning:quiz", args=[1]), right_answers(theme1, quiz=quiz))
    attempt = Attempt.objects.get()
    assert (attempt.passed, attempt.correct, attempt.total) == (True, DRAWN, DRAWN)
    page = client.get(response["Location"]).content.decode()
    assert all(question.prompt in page for question in quiz.questions)
    others = [q for q in quiz_questions(theme1) if q.pk not in quiz.question_ids()]
    assert not any(question.prompt in page for question in others)
