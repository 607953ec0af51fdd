"""Formerly granted content editors the content permissions; portal.roles holds every
group's permissions now (applied by portal 0013_staff_group_permissions). Kept as a no-op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("learning", "0003_reviewers_revoke_certificates"), ("diagnosis", "0002_load_questionnaire_2026"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
