from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "learning"
    verbose_name = _("セキュリティ ミニ講座")

    def ready(self):
        from learning import receivers  # noqa: F401

    def load_content(self, *, report, overwrite=False):
        """Called by `manage.py load_content`: the themes of fixtures/learning/themes/."""
        from learning.content import load_themes

        load_themes(report=report, overwrite=overwrite)
