"""Reviewers may see and revoke certificates (on request of the learner or their employer)."""

from django.db import migrations

from portal.lib.permissions import grant_permissions

GRANTS = {"reviewers": ["revoke_certificate", "view_certificate"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "learning", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_load_themes"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
