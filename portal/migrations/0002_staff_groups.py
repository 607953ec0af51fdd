"""Create the staff groups. Later migrations grant them the permissions of new models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Group name → permissions ("app_label.codename") it starts with.
GROUPS = {
    "reviewers": ["portal.view_organisation", "portal.view_membership"],
    "content editors": [],
}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for permission in permissions:
            app_label, codename = permission.split(".")
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_accounts_and_organisations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
