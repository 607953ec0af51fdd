from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "diagnosis"
    verbose_name = _("自社診断")

    def ready(self):
        from diagnosis import receivers  # noqa: F401
        from diagnosis.content import ITEM_TEXTS
        from diagnosis.models import AnswerOption, Band, Item, Part, Questionnaire
        from portal.lib.content_i18n import translatable

        translatable(Questionnaire, ["title"])
        translatable(Part, ["title", "description"])
        translatable(Item, ITEM_TEXTS)
        translatable(AnswerOption, ["label"])
        translatable(Band, ["title", "advice"])
