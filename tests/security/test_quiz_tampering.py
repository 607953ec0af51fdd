"""Passing a quiz without knowing the answers: copying a failed attempt's answer key, or
forging the signed draw to choose one's own questions."""

import re

from django.urls import reverse

from learning.models import Attempt
from learning.quiz import DRAWN, from_token
from learning.selectors import quiz_questions
from tests.learning.conftest import a_draw, right_answers, wrong_answers
from tests.learning.test_quiz_draw import asked


def test_copying_the_answers_of_a_failed_attempt_does_not_pass_the_next_draw(client_for, member, theme1):
    client = client_for(member)
    failed = a_draw(theme1, seed=1)
    client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1, quiz=failed))
    page = client.get(reverse("learning:quiz", args=[1])).content.decode()
    token = re.search(r'name="draw" value="([^"]+)"', page).group(1)
    copied = {key: value for key, value in right_answers(theme1, quiz=failed).items() if key != "draw"}
    response = client.post(reverse("learning:quiz", args=[1]), {"draw": token, **copied})
    assert response.status_code == 400 and Attempt.objects.count() == 1


def test_a_forged_or_stale_draw_is_refused_and_the_quiz_drawn_again(client_for, member, theme1):
    data = right_answers(theme1)
    data["draw"] = data["draw"][:-2] + "xx"
    response = client_for(member).post(reverse("learning:quiz", args=[1]), data)
    assert response.status_code == 400 and len(asked(response.content.decode())) == DRAWN
    assert not Attempt.objects.exists()
    assert from_token(a_draw(theme1).token, quiz_questions(theme1), theme_id=theme1.pk + 1) is None
