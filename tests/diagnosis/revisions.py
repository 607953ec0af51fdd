"""A later revision of the self-diagnosis, loaded the way a deploy loads one."""

import tempfile
from pathlib import Path

import django.apps

from diagnosis.content import FIXTURES, load_questionnaire
from diagnosis.models import Questionnaire


def load_revision(version: str, *, make_current: bool = True) -> Questionnaire:
    """Load the 2026 questionnaire again under another version number (same 25 items)."""
    text = (FIXTURES / "questionnaire_2026.toml").read_text(encoding="utf-8")
    text = text.replace('version = "2026.1"', f'version = "{version}"', 1)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"questionnaire_{version}.toml"
        path.write_text(text, encoding="utf-8")
        load_questionnaire(django.apps.apps, str(path), make_current=make_current)
    return Questionnaire.objects.get(version=version)
