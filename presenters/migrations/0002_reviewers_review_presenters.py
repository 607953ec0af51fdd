"""Formerly granted the presenters permissions; portal.roles holds every group's
permissions now (applied by portal 0013_staff_group_permissions). Kept as a no-op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("presenters", "0001_presenters_materials_requests_reports"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
