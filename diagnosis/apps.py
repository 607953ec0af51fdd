from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosisConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "diagnosis"
    verbose_name = _("セキュリティ健康診断")

    def ready(self):
        from diagnosis import jobs, receivers  # noqa: F401

    def load_content(self, *, report, overwrite=False):
        """Called by `manage.py load_content`: the questionnaire versions of fixtures/diagnosis/
        and the items' guide pages (fixtures/diagnosis/guides/)."""
        from diagnosis.content import load_guides, load_questionnaires

        load_questionnaires(report=report, overwrite=overwrite)
        load_guides(report=report, overwrite=overwrite)
