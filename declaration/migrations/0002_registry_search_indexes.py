"""Trigram indexes so that the registry's partial-name search stays fast with 500,000
declarations. PostgreSQL only; SQLite (development) scans, which is fine at its scale."""

from django.db import migrations

INDEXES = [
    ("declaration_org_name_trgm", "declaration_declaration", "UPPER(organisation_name)"),
    ("declaration_org_name_kana_trgm", "declaration_declaration", "UPPER(organisation_name_kana)"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        # Django's icontains is UPPER(column) LIKE UPPER(%s): index that expression.
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("declaration", "0001_declarations_reviews_and_policies"), ("portal", "0003_organisation_statistics_opt_out")]

    operations = [migrations.RunPython(create, drop)]
