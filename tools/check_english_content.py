"""Check that an English content file mirrors its Japanese source.

    python3 tools/check_english_content.py fixtures/learning/themes/01.toml fixtures/learning/themes/en/01.toml
    python3 tools/check_english_content.py          (every content file and its twin)

Same tables and arrays in the same order and number, the same identifying values
(number, part, min, max, kind, answer, value, points, item, slug, the document slugs), and every Japanese text matched by a
non-empty English text without Japanese characters left in it.
"""

import re
import sys
import tomllib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

IDENTIFIERS = {"number", "part", "min", "max", "kind", "answer", "value", "points", "item", "slug"}
LISTS_OF_IDENTIFIERS = {"documents"}  # document slugs: the same in both languages
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def compare(ja, en, path="") -> list[str]:
    problems = []
    if isinstance(ja, dict):
        if not isinstance(en, dict):
            return [f"{path}: expected a table"]
        for key, value in ja.items():
            if key not in en:
                problems.append(f"{path}.{key}: missing")
            else:
                problems += compare(value, en[key], f"{path}.{key}")
        problems += [f"{path}.{key}: not in the Japanese file" for key in en.keys() - ja.keys()]
    elif isinstance(ja, list):
        if not isinstance(en, list) or len(en) != len(ja):
            return [f"{path}: expected a list of {len(ja)}"]
        for n, (a, b) in enumerate(zip(ja, en, strict=True)):
            problems += compare(a, b, f"{path}[{n}]")
    elif (
        path.rsplit(".", 1)[-1] in IDENTIFIERS
        or path.rsplit(".", 1)[-1].split("[")[0] in LISTS_OF_IDENTIFIERS
        or not isinstance(ja, str)
    ):
        if ja != en:
            problems.append(f"{path}: must stay {ja!r}")
    elif not isinstance(en, str) or not en.strip():
        problems.append(f"{path}: needs English text")
    elif JAPANESE.search(en):
        problems.append(f"{path}: Japanese left in the English text")
    return problems


def english_twins(fixtures: Path = FIXTURES) -> list[tuple[Path, Path]]:
    """(Japanese file, English file) for every content file that has an English edition."""
    pairs = [
        (path.with_name(path.name.replace(".en.toml", ".toml")), path) for path in fixtures.rglob("*.en.toml")
    ]
    # Folders of one file per entry (themes, item guides, documents) keep their twins in en/.
    pairs += [(path.parent.parent / path.name, path) for path in sorted(fixtures.rglob("en/*.toml"))]
    return [(ja, en) for ja, en in pairs if ja.exists()]


def main(ja_path: str, en_path: str) -> int:
    with open(ja_path, "rb") as f:
        ja = tomllib.load(f)
    with open(en_path, "rb") as f:
        en = tomllib.load(f)
    problems = compare(ja, en)
    for problem in problems:
        print(problem)
    print(f"{en_path}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) > 2:
        sys.exit(main(*sys.argv[1:3]))
    sys.exit(max((main(str(ja), str(en)) for ja, en in english_twins()), default=0))
