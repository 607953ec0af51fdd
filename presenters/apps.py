from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PresentersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "presenters"
    verbose_name = _("セキュリティプレゼンター")

    def ready(self):
        from presenters import receivers  # noqa: F401
