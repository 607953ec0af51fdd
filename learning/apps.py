from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = _("ポイント学習")

    def ready(self):
        from learning.models import Choice, Question, Theme
        from portal.lib.content_i18n import translatable

        translatable(
            Theme,
            [
                "title",
                "summary",
                "scenario_title",
                "scenario_characters",
                "scenario_body",
                "explanation_body",
                "points",
                "dos",
                "donts",
            ],
        )
        translatable(Question, ["prompt", "explanation"])
        translatable(Choice, ["text"])
