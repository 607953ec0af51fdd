"""Reviewers may see and review declarations and their events."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["review_declaration", "view_declaration", "view_reviewevent", "view_policy"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("declaration")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name="reviewers")
    reviewers.permissions.add(*Permission.objects.filter(content_type__app_label="declaration", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="reviewers"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="declaration", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("declaration", "0002_registry_search_indexes"), ("portal", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, revoke)]
