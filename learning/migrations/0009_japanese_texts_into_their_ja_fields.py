"""Existing texts are Japanese: copy them into the new `_ja` fields (the English ones stay
empty, so pages fall back to Japanese until `manage.py load_content` fills them)."""

from django.db import migrations
from django.db.models import F

TEXTS = {
    "Theme": [
        "title",
        "summary",
        "scenario_title",
        "scenario_body",
        "explanation_body",
        "scenario_characters",
        "points",
        "dos",
        "donts",
    ],
    "Question": ["prompt", "explanation"],
    "Choice": ["text"],
}


def copy(apps, schema_editor):
    for model, fields in TEXTS.items():
        apps.get_model("learning", model).objects.update(**{f"{name}_ja": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [("learning", "0008_lessons_in_japanese_and_english_load_digests_and_retirement")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
