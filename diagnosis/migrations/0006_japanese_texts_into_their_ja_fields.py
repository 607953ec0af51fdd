"""Existing texts are Japanese: copy them into the new `_ja` fields (the English ones stay
empty, so pages fall back to Japanese until `manage.py load_content` fills them)."""

from django.db import migrations
from django.db.models import F

TEXTS = {
    "Questionnaire": ["title"],
    "Part": ["title", "description"],
    "Item": ["topic", "question", "explanation", "advice_partly", "advice_no", "advice_unknown"],
    "AnswerOption": ["label"],
    "Band": ["title", "advice"],
}


def copy(apps, schema_editor):
    for model, fields in TEXTS.items():
        apps.get_model("diagnosis", model).objects.update(**{f"{name}_ja": F(name) for name in fields})


class Migration(migrations.Migration):
    dependencies = [("diagnosis", "0005_questionnaire_texts_in_japanese_and_english_and_load_digests")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
