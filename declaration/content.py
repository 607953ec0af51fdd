"""The reviewable texts of SECURITY ACTION pages: the five principles, the basic-policy
template, the level explanations and the terms (fixtures/declaration/content.toml)."""

import tomllib
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

CONTENT_FILE = Path(__file__).resolve().parent.parent / "fixtures" / "declaration" / "content.toml"


def content() -> dict:
    """The texts in the active language (content.en.toml mirrors content.toml)."""
    return _load("en" if (get_language() or "").startswith("en") else "ja")


@cache
def _load(language: str) -> dict:
    path = CONTENT_FILE.with_name("content.en.toml") if language == "en" else CONTENT_FILE
    return tomllib.loads(path.read_text(encoding="utf-8"))


def principles() -> list[dict]:
    return content()["principles"]


def policy_template(
    *, organisation: str, representative_title: str, representative_name: str, established_on: str
):
    """The template filled in for one organisation: (title, preamble, sections, closing)."""
    values = {
        "organisation": organisation,
        "representative_title": representative_title,
        "representative_name": representative_name,
        "established_on": established_on,
    }
    policy = content()["policy"]
    return (
        policy["title"],
        policy["preamble"].strip().format(**values),
        [{"heading": s["heading"], "body": s["body"].strip().format(**values)} for s in policy["sections"]],
        policy["closing"].strip().format(**values),
    )
