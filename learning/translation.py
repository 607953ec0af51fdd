"""The lessons and quizzes in Japanese and English, side by side (django-modeltranslation).

`theme.title` reads the active language's field and falls back to Japanese when the
English one is empty; the admin edits `title_ja` and `title_en`.
"""

from modeltranslation.translator import TranslationOptions, register

from learning.content import QUESTION_TEXTS, THEME_LISTS, THEME_TEXTS
from learning.models import Choice, Question, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = THEME_TEXTS + THEME_LISTS


@register(Question)
class QuestionTranslation(TranslationOptions):
    fields = QUESTION_TEXTS


@register(Choice)
class ChoiceTranslation(TranslationOptions):
    fields = ["text"]
