"""The machine-checkable rules of docs/content-style.md, as functions the tests apply.

Kept apart from the tests so that a writer can run them on one file:
    python -m tests.content.style fixtures/learning/themes/05.toml
"""

import re
import sys
import tomllib
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent.parent / "fixtures"

OPENING, CLOSING = "「『（(【", "」』）)】"
POLITE = re.compile(
    r"(です|ます|ました|でした|ません|ませんでした|ましょう|でしょう|ください|ですか|ますか|でしょうか|ませんか|ましたか)$"
)
# A trailing parenthesis or quotation is part of the sentence it closes: 「…します（任意）。」
TRAILING_ASIDE = re.compile(r"[（(][^（）()]*[）)]$")

# (pattern, what to write instead): the term list of docs/content-style.md.
JAPANESE_TERMS = [
    (r"(?<![A-Za-z])PC(?![A-Za-z])|ＰＣ", "パソコン"),
    (r"スマホ", "スマートフォン"),
    (r"気づ", "気付"),
    (r"パスワード管理(ツール|アプリ)|パスワードマネージャー", "パスワード管理ソフト"),
    (r"二段階認証|二要素認証", "多要素認証"),
    (r"ウィルス", "ウイルス"),
    (r"ウェブ", "Web"),
    (r"ホームページ", "Webサイト"),
    (r"Eメール|電子メール", "メール"),
    (r"サーバ(?!ー)", "サーバー"),
    (r"ルータ(?!ー)", "ルーター"),
    (r"プリンタ(?!ー)", "プリンター"),
    (r"USBメモリー", "USBメモリ"),
    (r"出来(?!事|高)", "でき"),  # 出来事 and 出来高 are other words
    (r"下さい", "ください"),
    (r"全て", "すべて"),
    (r"又は", "または"),
    (r"及び(?!ま)", "および"),  # 及びます is the verb 及ぶ
    (r"様々", "さまざま"),
    (r"予め", "あらかじめ"),
    (r"ジェネレーティブAI", "生成AI"),
    (r"個人情報保護委員(?!会)", "個人情報保護委員会"),
    (r"[０-９Ａ-Ｚａ-ｚ]", "half-width digits and letters"),
]
ENGLISH_TERMS = [
    (r"\borganiz", "organis-"),
    (r"\brecogniz", "recognis-"),
    (r"\bcenter", "centre"),
    (r"\bcolor", "colour"),
    (r"\btwo-step authentication", "multi-factor authentication"),
    (r"\bpassword vault", "password manager"),
]
POSITION = {
    "ja": re.compile(r"[1-4１-４]番|[①②③④]|上の選択肢|下の選択肢|選択肢[1-4A-D]"),
    "en": re.compile(
        r"\b(option|choice|answer) [1-4A-D]\b|\b(first|second|third|fourth|last) (option|choice)\b", re.I
    ),
}


def load(path: Path) -> dict:
    with path.open("rb") as f:
        return tomllib.load(f)


def sentences(text: str):
    """The sentences of `text` that end with 「。」 outside any quotation or parenthesis."""
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(0, depth - 1)
        elif char == "。" and depth == 0:
            yield text[start:i].strip()
            start = i + 1


def impolite(text: str) -> list[str]:
    """Sentences of Japanese prose that do not end in a です/ます form."""
    found = []
    for sentence in sentences(text):
        core = sentence
        while TRAILING_ASIDE.search(core):
            core = TRAILING_ASIDE.sub("", core).rstrip()
        if not core or core.endswith(("」", "』")):  # quoted speech standing alone
            continue
        if not POLITE.search(core):
            found.append(sentence[-40:])
    return found


def term_problems(text: str, language: str) -> list[str]:
    rules = JAPANESE_TERMS if language == "ja" else ENGLISH_TERMS
    flags = 0 if language == "ja" else re.I
    return [
        f"{match.group(0)!r} → {instead}"
        for pattern, instead in rules
        for match in [re.search(pattern, text, flags)]
        if match
    ]


# Sources are other publishers' titles: their spelling is theirs ("National Center of …").
PROPER_NAMES = {"sources"}


def strings(value):
    """Every string inside a TOML value, except the names of sources."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in PROPER_NAMES:
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


QUOTE = {"ja": re.compile(r"「([^「」]+)」"), "en": re.compile(r"“([^“”]+)”")}


def names_right_option(explanation: str, right: str, language: str) -> bool:
    """The explanation quotes a distinctive part of the right option, copied exactly."""
    for quoted in QUOTE[language].findall(explanation):
        quoted = quoted.strip().rstrip("。.")
        long_enough = len(quoted) >= 6 if language == "ja" else len(quoted.split()) >= 3
        inside = quoted in right if language == "ja" else quoted.lower() in right.lower()
        if long_enough and inside:
            return True
    return False


def question_problems(question: dict, language: str) -> list[str]:
    problems = []
    choices, explanation = question["choices"], question["explanation"]
    right = choices[question["answer"] - 1]
    if len(choices) != 4:
        problems.append("needs 4 choices")
    if not names_right_option(explanation, right, language):
        problems.append(f"explanation does not quote the right option: {right[:40]!r}")
    for text in [question["prompt"], explanation, *choices]:
        if POSITION[language].search(text):
            problems.append(f"refers to an option by position: {text[:40]!r}")
    if language == "ja":
        if not question["prompt"].strip().endswith("か。"):
            problems.append(f"prompt should end in 「か。」: {question['prompt'][-20:]!r}")
        problems += [f"not です/ます: …{s}" for s in impolite(explanation)]
    elif not question["prompt"].strip().endswith("?"):
        problems.append("prompt should end with '?'")
    return problems


def theme_problems(data: dict, language: str) -> list[str]:
    problems = []
    explanation = data.get("explanation", {})
    if language == "ja":
        prose = [data.get("summary", ""), data["scenario"]["body"], explanation.get("body", "")]
        prose += explanation.get("points", [])
        for text in prose:
            problems += [f"not です/ます: …{s}" for s in impolite(text)]
        for do in explanation.get("dos", []):
            if not do.endswith("。") or POLITE.search(do.rstrip("。")):
                problems.append(f"a 'do' is a plain-form action ending in 「。」: {do[-25:]!r}")
        for dont in explanation.get("donts", []):
            if not dont.endswith("ない。"):
                problems.append(f"a 'don't' ends in 「ない。」: {dont[-25:]!r}")
    for n, question in enumerate(data.get("questions", []), 1):
        problems += [f"question {n}: {p}" for p in question_problems(question, language)]
    if len(data.get("sources", [])) < 2:
        problems.append("lists fewer than 2 sources")
    return problems


GUIDE_PROSE = ["why", "how", "check"]


def guide_problems(data: dict, language: str) -> list[str]:
    problems = []
    for key in GUIDE_PROSE:
        if not str(data.get(key, "")).strip():
            problems.append(f"{key} is empty")
    if not data.get("mistakes"):
        problems.append("lists no common mistakes")
    if len(data.get("sources", [])) < 2:
        problems.append("lists fewer than 2 sources")
    if language == "ja":
        for text in [*(data.get(key, "") for key in GUIDE_PROSE), *data.get("mistakes", [])]:
            problems += [f"not です/ます: …{s}" for s in impolite(text)]
    return problems


ITEM_PROSE = ["explanation", "advice_partly", "advice_no", "advice_unknown", "not_applicable"]


def questionnaire_problems(data: dict, language: str) -> list[str]:
    problems = []
    if language == "ja":
        texts = [part["description"] for part in data["parts"]]
        texts += [item.get(key, "") for item in data["items"] for key in ITEM_PROSE]
        texts += [band["advice"] for band in data.get("bands", [])]
        for text in texts:
            problems += [f"not です/ます: …{s}" for s in impolite(text)]
    return problems


def file_problems(path: Path) -> list[str]:
    """Every rule this module checks, applied to one content file."""
    language = "en" if path.parent.name == "en" or path.name.endswith(".en.toml") else "ja"
    data = load(path)
    problems = []
    for text in strings(data):
        problems += term_problems(text, language)
    kind = path.relative_to(FIXTURES).parts
    if kind[:2] == ("learning", "themes"):
        problems += theme_problems(data, language)
    elif kind[:2] == ("diagnosis", "guides"):
        problems += guide_problems(data, language)
    elif kind[0] == "diagnosis":
        problems += questionnaire_problems(data, language)
    return sorted(set(problems), key=problems.index)


def content_files() -> list[Path]:
    return sorted(FIXTURES.rglob("*.toml"))


if __name__ == "__main__":
    paths = [Path(arg).resolve() for arg in sys.argv[1:]] or content_files()
    total = 0
    for path in paths:
        for problem in file_problems(path):
            print(f"{path.relative_to(FIXTURES)}: {problem}")
            total += 1
    print(f"{total} problem(s)")
    sys.exit(1 if total else 0)
