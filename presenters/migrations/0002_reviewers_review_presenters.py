"""Reviewers may review presenters; content editors manage the materials."""

from django.db import migrations

from portal.lib.permissions import grant_permissions

GRANTS = {
    "reviewers": ["review_presenter", "view_presenter", "view_presenterevent", "view_activityreport"],
    "content editors": ["add_material", "change_material", "delete_material", "view_material"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, "presenters", GRANTS)


class Migration(migrations.Migration):
    dependencies = [("presenters", "0001_presenters_materials_requests_reports"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
