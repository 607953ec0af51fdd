from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("利用者と組織")

    def ready(self):
        from django.db.models.signals import post_migrate

        from portal import checks, jobs, receivers  # noqa: F401

        post_migrate.connect(_sync_schedules, sender=self)


def _sync_schedules(**kwargs):
    """After `migrate`, the runner's schedule table holds every app's `@every` jobs."""
    from portal.lib.tasks import sync_schedules

    sync_schedules()
