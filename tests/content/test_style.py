"""The content keeps to docs/content-style.md and issue 15's "done when" (files only, no database).

Each content file is its own test case, so a writer can run the checks for theirs:
    pytest tests/content -k "themes/05 or guides/05"
"""

from pathlib import Path

import pytest

from tests.content import style
from tools.check_english_content import compare, english_twins

FIXTURES = style.FIXTURES
THEMES = FIXTURES / "learning" / "themes"
GUIDES = FIXTURES / "diagnosis" / "guides"


def content_id(path: Path) -> str:
    return path.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("path", style.content_files(), ids=content_id)
def test_a_content_file_keeps_the_style(path):
    assert style.file_problems(path) == []


@pytest.mark.parametrize(
    "ja, en", english_twins(), ids=lambda p: content_id(p) if isinstance(p, Path) else ""
)
def test_every_entry_has_its_english_twin(ja, en):
    assert compare(style.load(ja), style.load(en)) == []


def japanese_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def test_every_japanese_file_in_a_folder_of_entries_has_a_twin():
    for folder in [THEMES, GUIDES, FIXTURES / "documents"]:
        for path in japanese_files(folder):
            assert (folder / "en" / path.name).exists(), path


def test_every_theme_has_a_pool_of_at_least_six_questions_and_150_in_all():
    pools = {path.stem: style.load(path)["questions"] for path in japanese_files(THEMES)}
    assert len(pools) == 25
    small = {theme: len(questions) for theme, questions in pools.items() if len(questions) < 6}
    assert small == {}
    assert sum(len(questions) for questions in pools.values()) >= 150


def test_each_pool_asks_both_ways_and_never_repeats_a_question_across_themes():
    seen = {}
    for path in japanese_files(THEMES):
        questions = style.load(path)["questions"]
        assert {q["kind"] for q in questions} == {"appropriate", "not_appropriate"}, path.name
        for question in questions:
            prompt_and_answer = (question["prompt"], question["choices"][question["answer"] - 1])
            assert prompt_and_answer not in seen, (path.name, seen.get(prompt_and_answer))
            seen[prompt_and_answer] = path.name


def test_every_item_has_its_guide():
    numbers = {style.load(path)["item"] for path in japanese_files(GUIDES)}
    assert numbers == set(range(1, 26))


def documents_named() -> set[str]:
    named = set()
    for folder in [THEMES, GUIDES]:
        for path in japanese_files(folder):
            named |= set(style.load(path).get("documents", []))
    return named


def test_every_document_the_content_names_exists():
    known = {path.stem for path in japanese_files(FIXTURES / "documents")} | {"checklist"}
    assert documents_named() <= known


@pytest.mark.parametrize(
    "text, problems",
    [
        ("更新します。「あとでやろう」と思いました。", 0),
        ("更新する。", 1),
        ("医師2名の内科クリニック。", 1),
        ("保存してください（任意）。", 0),
        ("「再起動すると全部閉じないといけない」。", 0),
    ],
)
def test_the_politeness_check_itself(text, problems):
    assert len(style.impolite(text)) == problems


def test_the_quotation_check_itself():
    right = "OSの自動更新を有効にし、更新が自動で適用されるようにしておく。"
    assert style.names_right_option("正解は「OSの自動更新を有効に」することです。", right, "ja")
    assert not style.names_right_option(
        "正解は「自動更新」です。", right, "ja"
    )  # too short to be distinctive
    assert not style.names_right_option("正解は「手動で更新する」ことです。", right, "ja")
    assert style.names_right_option(
        "Yes: “turn on automatic updates” first.", "Turn on automatic updates.", "en"
    )
