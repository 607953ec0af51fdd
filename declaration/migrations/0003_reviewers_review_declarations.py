"""Reviewers may see and review declarations and their events."""

from django.db import migrations

from portal.lib.permissions import grant_permissions

GRANTS = {"reviewers": ["review_declaration", "view_declaration", "view_reviewevent", "view_policy"]}


def grant(apps, schema_editor):
    grant_permissions(apps, "declaration", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("declaration", "0002_registry_search_indexes"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
