"""Which questions a quiz asks, and in which order its options appear.

A theme keeps a pool of questions (at least six); each attempt draws `DRAWN` of them, avoiding
the questions of the learner's previous attempt where the pool allows, and shows each
question's options in an order of its own. Copying the answers of a failed attempt therefore
does not pass the next one; passing still means every drawn question answered right.

The draw travels with the form as a signed token (question ids and the seed of the option
order), so the server keeps no state between showing a quiz and marking it, and a tampered
or stale token (a question removed by a content load) is refused and the quiz drawn again.
"""

import random
from dataclasses import dataclass

from django.core import signing

from learning.models import Question

DRAWN = 3
SALT = "learning.quiz.draw"


@dataclass(frozen=True)
class Draw:
    theme_id: int
    questions: list[Question]  # in the order they are asked
    seed: int

    @property
    def token(self) -> str:
        return signing.dumps({"t": self.theme_id, "q": self.question_ids(), "s": self.seed}, salt=SALT)

    def question_ids(self) -> list[int]:
        return [question.pk for question in self.questions]

    def choices(self, question: Question) -> list:
        """The question's options in this draw's order (the same on every render of the draw)."""
        options = list(question.choices.all())
        random.Random(f"{self.seed}:{question.pk}").shuffle(options)  # noqa: S311 display order, not a secret
        return options


def draw(pool: list[Question], *, theme_id: int, avoid=frozenset(), rng=None) -> Draw:
    """`DRAWN` questions of `pool` in random order, none of `avoid` unless the pool is too small."""
    rng = rng or random.SystemRandom()
    fresh = [question for question in pool if question.pk not in avoid]
    used = [question for question in pool if question.pk in avoid]
    chosen = rng.sample(fresh, min(DRAWN, len(fresh)))
    chosen += rng.sample(used, min(DRAWN - len(chosen), len(used)))
    rng.shuffle(chosen)
    return Draw(theme_id=theme_id, questions=chosen, seed=rng.randrange(2**31))


def from_token(token: str, pool: list[Question], *, theme_id: int) -> Draw | None:
    """The draw a form was shown with, or None when the token is forged, for another theme, or
    names a question the pool no longer has."""
    try:
        data = signing.loads(token or "", salt=SALT)
        by_id = {question.pk: question for question in pool}
        if data["t"] != theme_id:
            return None
        return Draw(theme_id=theme_id, questions=[by_id[pk] for pk in data["q"]], seed=int(data["s"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def asked_in(token: str, pool: list[Question], *, theme_id: int) -> set[int]:
    """The questions of an earlier draw (a visitor's retake avoids them); empty when unreadable."""
    earlier = from_token(token, pool, theme_id=theme_id)
    return set(earlier.question_ids()) if earlier else set()
