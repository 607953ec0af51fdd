"""Formerly loaded the 2026 questionnaire from its editable file.

Content is loaded by `manage.py load_content` now (make setup and deploys run it):
a migration keeps to schema and permissions. Kept, as a no-op, because it was applied.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0001_questionnaires_assessments_and_peer_statistics")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
