from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "diagnosis"
    verbose_name = _("自社診断")

    def ready(self):
        from diagnosis import receivers  # noqa: F401
        from diagnosis.content import ANSWER_LABELS_EN, ANSWER_SCALE, ITEM_TEXTS
        from diagnosis.models import AnswerOption, Band, Item, Part, Questionnaire
        from portal.lib.content_i18n import register_texts, translatable

        register_texts({label: ANSWER_LABELS_EN[value] for value, label, _points in ANSWER_SCALE})
        translatable(Questionnaire, ["title"])
        translatable(Part, ["title", "description"])
        translatable(Item, ITEM_TEXTS)
        translatable(AnswerOption, ["label"])
        translatable(Band, ["title", "advice"])
