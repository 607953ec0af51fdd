"""Formerly granted reviewers the statistics; portal.roles holds every group's permissions
now (applied by 0013_staff_group_permissions). Kept as a no-op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_statistics_permission")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
