"""Formerly granted reviewers the audit log; portal.roles holds every group's permissions
now (applied by 0013_staff_group_permissions). Kept as a no-op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_audit_log")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
