"""The staff groups get their permissions from the one map in portal.roles.

Earlier migrations each granted a few; they are no-ops now. `manage.py load_content` and
`ensure_staff` apply the same map, so a later change of it needs no new migration.
"""

from django.db import migrations

from portal.roles import apply_group_permissions


def apply(apps, schema_editor):
    apply_group_permissions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_corporate_number_is_no_lock"),
        ("declaration", "0006_published_policies_show_their_latest_version"),
        ("diagnosis", "0006_japanese_texts_into_their_ja_fields"),
        ("learning", "0009_japanese_texts_into_their_ja_fields"),
        ("presenters", "0003_presenter_changes_wait_for_review"),
    ]

    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
