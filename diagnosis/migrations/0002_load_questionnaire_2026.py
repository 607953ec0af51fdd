"""Load the 2026 questionnaire (fixtures/diagnosis/questionnaire_2026.toml) as reference content."""

from django.db import migrations

from diagnosis.content import load_questionnaire


def load(apps, schema_editor):
    load_questionnaire(apps, "questionnaire_2026.toml")


def unload(apps, schema_editor):
    apps.get_model("diagnosis", "Questionnaire").objects.filter(version="2026.1", assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0001_questionnaires_assessments_and_peer_statistics")]

    operations = [migrations.RunPython(load, unload)]
