"""Reference pages: the glossary of the terms the lessons use, and where to get help.

Both are data files in `fixtures/reference/`, with their English twins in
`fixtures/reference/en/` (same structure, same order, same slugs):

    glossary.toml   [[terms]]    slug, term, reading, aliases [...], definition
    help.toml       title, intro
                    [[sections]] slug, heading, paragraphs [...], bullets [...],
                                 notes [...] (paragraphs after the bullets),
                                 links [{label, url}], documents [...] (document slugs)

`reading` files a term in the index: in Japanese its kana (or its Latin letters), in English
the form it is alphabetised under. `aliases` are the other spellings the lessons use; the
`glossary_links` filter (portal/templatetags/glossary.py) links any of them to the term.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from portal.lib.content_files import read_twin, twin_path
from portal.lib.email import current_language

FOLDER = Path(settings.BASE_DIR) / "fixtures" / "reference"

# The index of the Japanese glossary: Latin letters and digits first, then the kana rows.
LATIN = "英数字"
KANA_ROWS = {
    "あ": "あいうえおぁぃぅぇぉ",
    "か": "かきくけこ",
    "さ": "さしすせそ",
    "た": "たちつてとっ",
    "な": "なにぬねの",
    "は": "はひふへほ",
    "ま": "まみむめも",
    "や": "やゆよゃゅょ",
    "ら": "らりるれろ",
    "わ": "わをんゎ",
}
JAPANESE_GROUPS = (LATIN, *KANA_ROWS)
DIGITS = "0–9"
# English words take plural and verb endings: "passkeys", "encrypted".
ENGLISH_ENDINGS = "(?:s|es|d|ed|ing)?"


@dataclass(frozen=True)
class Term:
    slug: str
    term: str
    reading: str
    aliases: tuple[str, ...]
    definition: str

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


@dataclass(frozen=True)
class TermGroup:
    label: str  # "か", "A", "英数字"
    anchor: str  # the id of the group's heading
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    @property
    def host(self) -> str:
        """Where an external link goes, as people read it: "ipa.go.jp"."""
        return (urlsplit(self.url).hostname or "").removeprefix("www.")


@dataclass(frozen=True)
class HelpSection:
    slug: str
    heading: str
    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    notes: tuple[str, ...]
    links: tuple[Link, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class HelpPage:
    title: str
    intro: str
    sections: tuple[HelpSection, ...]


def path_of(name: str, language: str) -> Path:
    return twin_path(FOLDER, name, language)


def _read(name: str, language: str) -> dict:
    return read_twin(FOLDER, name, language)


@cache
def _terms(language: str) -> tuple[Term, ...]:
    """Read once per process and language: the files change only with a deployment."""
    return tuple(
        Term(
            slug=entry["slug"],
            term=entry["term"],
            reading=entry["reading"],
            aliases=tuple(entry.get("aliases", ())),
            definition=entry["definition"],
        )
        for entry in _read("glossary", language)["terms"]
    )


def glossary_terms() -> tuple[Term, ...]:
    """Every term in the active language, in the file's order."""
    return _terms(current_language())


def _hiragana(text: str) -> str:
    """Katakana as hiragana and voiced kana as plain (ガ → か): the key kana indexes sort by."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in plain)


def _group_of(term: Term, language: str) -> str:
    first = _hiragana(term.reading.strip())[:1]
    if language == "en":
        return first.upper() if first.isalpha() else DIGITS
    for row, kana in KANA_ROWS.items():
        if first in kana:
            return row
    return LATIN


@cache
def _groups(language: str) -> tuple[TermGroup, ...]:
    order = JAPANESE_GROUPS if language == "ja" else (DIGITS, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    grouped: dict[str, list[Term]] = {label: [] for label in order}
    for term in _terms(language):
        grouped[_group_of(term, language)].append(term)
    return tuple(
        TermGroup(
            label=label,
            anchor=f"index-{n}",
            terms=tuple(sorted(terms, key=lambda t: _hiragana(t.reading).casefold())),
        )
        for n, (label, terms) in enumerate(grouped.items())
        if terms
    )


def glossary_groups() -> tuple[TermGroup, ...]:
    """The terms of the active language by index letter (A–Z, or the kana rows あ–わ)."""
    return _groups(current_language())


def _spelling_pattern(spelling: str, language: str) -> str:
    pattern = re.escape(spelling)
    if language == "en":
        pattern += ENGLISH_ENDINGS
    # Latin words are whole words, also inside Japanese text: "VPN" but not "iOS" for "OS".
    if spelling[:1].isascii() and spelling[:1].isalnum():
        pattern = r"(?<![A-Za-z0-9])" + pattern
    if spelling[-1:].isascii() and spelling[-1:].isalnum():
        pattern += r"(?![A-Za-z0-9])"
    return pattern


@cache
def _matcher(language: str) -> tuple[re.Pattern, dict[str, str]]:
    spellings = sorted(
        ((spelling, term.slug) for term in _terms(language) for spelling in term.spellings),
        key=lambda pair: -len(pair[0]),  # longest first: 「サプライチェーン攻撃」 before 「サプライチェーン」
    )
    slug_of = {f"s{n}": slug for n, (_, slug) in enumerate(spellings)}
    alternatives = "|".join(
        f"(?P<s{n}>{_spelling_pattern(spelling, language)})" for n, (spelling, _) in enumerate(spellings)
    )
    flags = re.IGNORECASE if language == "en" else 0
    return re.compile(alternatives, flags), slug_of


def term_matcher() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern that finds any term or alias of the active language, and the slug of each
    of its named groups (`slug_of[match.lastgroup]`)."""
    return _matcher(current_language())


@cache
def _help(language: str) -> HelpPage:
    data = _read("help", language)
    return HelpPage(
        title=data["title"],
        intro=data["intro"],
        sections=tuple(
            HelpSection(
                slug=section["slug"],
                heading=section["heading"],
                paragraphs=tuple(section.get("paragraphs", ())),
                bullets=tuple(section.get("bullets", ())),
                notes=tuple(section.get("notes", ())),
                links=tuple(Link(link["label"], link["url"]) for link in section.get("links", ())),
                documents=tuple(section.get("documents", ())),
            )
            for section in data["sections"]
        ),
    )


def help_page() -> HelpPage:
    """Where to get help, in the active language."""
    return _help(current_language())
