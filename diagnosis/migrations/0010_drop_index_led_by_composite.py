"""The organisation's own index goes: `assessment_history` leads with the same column and serves
every look-up by organisation, so each result writes one index fewer.

Written as SQL: Django's AlterField(db_index=False) on PostgreSQL drops every index on the
column, the partial unique ones of the constraints (one draft, one counted) with it."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "diagnosis_assessment_organisation_id_f0dd1f1a"


class Migration(migrations.Migration):
    dependencies = [
        ("diagnosis", "0009_pending_recount"),
        ("portal", "0016_organisation_verification"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "diagnosis_assessment" ("organisation_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="assessment",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assessments",
                        to="portal.organisation",
                        verbose_name="組織",
                    ),
                ),
            ],
        ),
    ]
