from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "declaration"
    verbose_name = _("SECURITY ACTION 自己宣言")

    def ready(self):
        from declaration import jobs, receivers  # noqa: F401
