"""Each theme's scene has a drawing of our own with a description in both languages (issue 16)."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from learning.content import THEMES, read_theme, theme_files
from tests.helpers import in_language

SCENES = Path(settings.BASE_DIR) / "static" / "learning" / "scenes"


@pytest.mark.parametrize("number", range(1, 26))
def test_every_theme_has_a_drawing_and_a_description_in_both_languages(number):
    drawing = ET.parse(SCENES / f"{number:02d}.svg").getroot()
    assert drawing.tag == "{http://www.w3.org/2000/svg}svg" and drawing.get("viewBox") == "0 0 480 270"
    # A drawing of shapes only: no text to translate, no scripts, nothing fetched from elsewhere.
    text = (SCENES / f"{number:02d}.svg").read_text()
    assert not re.search(r"<(text|script|image|foreignObject)\b|href=", text)
    _number, theme, _questions = read_theme(THEMES / f"{number:02d}.toml")
    assert theme["scene_alt_ja"].endswith("。") and theme["scene_alt_en"].endswith(".")
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", theme["scene_alt_en"])


def test_the_files_and_the_drawings_match_one_to_one():
    assert sorted(path.stem for path in SCENES.glob("*.svg")) == [path.stem for path in theme_files()]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_lesson_shows_its_scene_with_the_description_in_the_readers_language(client, theme1, language):
    html = in_language(client, language).get(reverse("learning:theme", args=[1])).content.decode()
    image = re.search(r'<img src="([^"]+)" alt="([^"]*)"[^>]*data-testid="scene-image"', html)
    assert image and image.group(1).endswith("learning/scenes/01.svg")
    expected = theme1.scene_alt_ja if language == "ja" else theme1.scene_alt_en
    assert expected and image.group(2) == expected
