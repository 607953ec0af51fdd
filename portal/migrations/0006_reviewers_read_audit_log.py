"""Reviewers may read the audit log (nobody may change it)."""

from django.db import migrations

from portal.lib.permissions import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, "portal", {"reviewers": ["view_auditentry", "view_outboxmessage"]})


class Migration(migrations.Migration):
    dependencies = [("portal", "0005_audit_log")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
