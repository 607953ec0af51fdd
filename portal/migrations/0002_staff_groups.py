"""Formerly created the staff groups with their first permissions; portal.roles holds every
group's permissions now (applied by 0013_staff_group_permissions). Kept as a no-op."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_accounts_and_organisations"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
