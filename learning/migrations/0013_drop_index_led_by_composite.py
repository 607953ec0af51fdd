"""The learner's own index on attempts goes: `attempt_by_learner` leads with the same column and
serves every look-up by learner, so each attempt writes one index fewer.

Written as SQL, like diagnosis 0010: Django's AlterField(db_index=False) on PostgreSQL drops the
foreign key and adds it back, validating every row, and drops every index on the column."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

INDEX = "learning_attempt_user_id_e1e99cd9"


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0012_theme_scene_descriptions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "learning_attempt" ("user_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="attempt",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attempts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
