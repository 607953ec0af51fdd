"""The questionnaire's texts in Japanese and English, side by side (django-modeltranslation).

`item.question` reads the active language's field and falls back to Japanese when the
English one is empty; the admin edits `question_ja` and `question_en`.
"""

from modeltranslation.translator import TranslationOptions, register

from diagnosis.content import GUIDE_LISTS, GUIDE_TEXTS, ITEM_TEXTS
from diagnosis.models import AnswerOption, Band, Item, ItemGuide, Part, Questionnaire


@register(Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ["title"]


@register(Part)
class PartTranslation(TranslationOptions):
    fields = ["title", "description"]


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ITEM_TEXTS


@register(AnswerOption)
class AnswerOptionTranslation(TranslationOptions):
    fields = ["label"]


@register(Band)
class BandTranslation(TranslationOptions):
    fields = ["title", "advice"]


@register(ItemGuide)
class ItemGuideTranslation(TranslationOptions):
    fields = GUIDE_TEXTS + GUIDE_LISTS
