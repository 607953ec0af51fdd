"""Content files that come in two languages: fixtures/<folder>/<name>.toml in Japanese and its
English twin fixtures/<folder>/en/<name>.toml (the documents, the glossary, the help page)."""

import tomllib
from pathlib import Path


def twin_path(folder: Path, name: str, language: str) -> Path:
    return folder / "en" / f"{name}.toml" if language == "en" else folder / f"{name}.toml"


def read_twin(folder: Path, name: str, language: str) -> dict:
    return tomllib.loads(twin_path(folder, name, language).read_text(encoding="utf-8"))
