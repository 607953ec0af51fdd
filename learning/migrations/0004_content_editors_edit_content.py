"""Content editors maintain the learning content and the questionnaire texts in the admin."""

from django.db import migrations

from portal.lib.permissions import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(
        apps,
        "learning",
        {"content editors": ["view_theme", "change_theme", "view_question", "change_question", "view_choice", "change_choice"]},
    )
    grant_permissions(apps, "diagnosis", {"content editors": ["view_item", "change_item", "view_band", "change_band"]})


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_reviewers_revoke_certificates"),
        ("diagnosis", "0002_load_questionnaire_2026"),
        ("portal", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
