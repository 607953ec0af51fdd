"""Reviewers see the staff statistics."""

from django.db import migrations

from portal.lib.permissions import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "portal", {"reviewers": ["view_statistics"]})


class Migration(migrations.Migration):
    dependencies = [("portal", "0007_statistics_permission")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
