import random

from learning.quiz import draw
from learning.selectors import quiz_questions


def a_draw(theme, *, seed=0):
    """A quiz draw of `theme` as the quiz page would make it (fixed by `seed`)."""
    return draw(quiz_questions(theme), theme_id=theme.pk, rng=random.Random(seed))


def right_answers(theme, *, quiz=None) -> dict[str, str]:
    """The quiz form data answering every question of a draw (`quiz`, or a new one) correctly."""
    quiz = quiz or a_draw(theme)
    data = {"draw": quiz.token}
    for question in quiz.questions:
        data[f"q_{question.pk}"] = str(next(c.pk for c in question.choices.all() if c.is_correct))
    return data


def wrong_answers(theme, *, quiz=None) -> dict[str, str]:
    quiz = quiz or a_draw(theme)
    data = right_answers(theme, quiz=quiz)
    first = quiz.questions[0]
    data[f"q_{first.pk}"] = str(next(c.pk for c in first.choices.all() if not c.is_correct))
    return data
