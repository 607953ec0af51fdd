from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The composition floor: pages and jobs that read several services (DESIGN.md §2)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "console"
    verbose_name = _("スタッフコンソール")
