"""Load the 25 themes (fixtures/learning/themes/*.toml) as reference content."""

from django.db import migrations

from learning.content import load_themes


def load(apps, schema_editor):
    load_themes(apps)


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_themes_quizzes_progress_certificates")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
