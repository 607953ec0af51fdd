"""Reviewers may review presenters; content editors manage the materials."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "reviewers": ["review_presenter", "view_presenter", "view_presenterevent", "view_activityreport"],
    "content editors": ["add_material", "change_material", "delete_material", "view_material"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("presenters")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="presenters", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("presenters", "0001_presenters_materials_requests_reports"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
