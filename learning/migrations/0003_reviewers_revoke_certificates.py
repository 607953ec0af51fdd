"""Reviewers may see and revoke certificates (on request of the learner or their employer)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["revoke_certificate", "view_certificate"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("learning")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewers.permissions.add(*Permission.objects.filter(content_type__app_label="learning", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_load_themes"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
