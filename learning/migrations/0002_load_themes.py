"""Formerly loaded the 25 themes from their editable files.

Content is loaded by `manage.py load_content` now (make setup and deploys run it):
a migration keeps to schema and permissions. Kept, as a no-op, because it was applied.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning", "0001_themes_quizzes_progress_certificates")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
