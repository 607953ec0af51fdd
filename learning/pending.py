"""A quiz passed before signing up (or logging in), recorded once the person has an account.

An anonymous visitor's quiz is marked but not stored. When they pass, the draw they were shown
(its signed token) and their answers are kept in their session; at the next login in that
session, sign-up included, the quiz is marked again from them and recorded as that account's
attempt, with the certificate it earns (learning/receivers.py). Only passes are kept, one per
theme, for a day.
"""

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from learning import services
from learning.models import Theme
from learning.quiz import Draw, from_token
from learning.selectors import quiz_questions

SESSION_PASSES = "learning_passed_anonymously"
KEPT_FOR_SECONDS = 24 * 60 * 60


def keep(request: HttpRequest, *, theme: Theme, drawn: Draw, graded: services.Graded) -> None:
    if not graded.passed:
        return
    passes = dict(request.session.get(SESSION_PASSES, {}))
    passes[str(theme.number)] = {"draw": drawn.token, "answers": graded.answers(), "at": time.time()}
    request.session[SESSION_PASSES] = passes


def record(request: HttpRequest, user) -> int:
    """Record the passes kept in this session as `user`'s attempts; returns how many."""
    passes = request.session.pop(SESSION_PASSES, None)
    if not passes:
        return 0
    recorded = 0
    now = time.time()
    themes = Theme.objects.filter(number__in=[int(n) for n in passes], retired_at__isnull=True)
    for theme in themes:
        kept = passes[str(theme.number)]
        if now - kept.get("at", 0) > KEPT_FOR_SECONDS:
            continue
        drawn = from_token(kept.get("draw", ""), quiz_questions(theme), theme_id=theme.pk)
        if drawn is None:  # the questions changed since
            continue
        try:
            answers = {int(question): int(choice) for question, choice in kept.get("answers", {}).items()}
            graded = services.quiz_grade(questions=drawn.questions, answers=answers)
        except (ValidationError, TypeError, ValueError):
            continue
        if not graded.passed:
            continue
        _attempt, certificates = services.attempt_record(user=user, theme=theme, graded=graded)
        recorded += 1
        if hasattr(request, "_messages"):
            messages.success(
                request,
                _("ログイン前に合格した確認テストを記録しました: %(number)s. %(title)s")
                % {"number": theme.number, "title": theme.title},
            )
            for certificate in certificates:
                messages.success(
                    request,
                    _("修了証を発行しました: %(title)s") % {"title": certificate.theme or _("全25テーマ")},
                )
    return recorded
