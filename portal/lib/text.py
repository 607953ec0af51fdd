"""Small text normalisations shared by forms and lookups.

People type numbers (自己宣言ID, 法人番号, phone numbers, postal codes, certificate numbers) with
whatever their input method gives them: full-width digits (４０００), and one of half a dozen
characters that look like a hyphen (the long-vowel mark ー, the full-width hyphen-minus －, the
minus sign −, dashes ‐ ‑ – — ―). Every form field and lookup that takes such a number reads it
through one of the two functions below, so that ４０００ー１２３ finds what 4000-123 finds.
"""

import unicodedata

# Characters typed in place of "-" in numbers. NFKC runs first, so the half-width long-vowel
# mark (ｰ) arrives here as ー and the non-breaking hyphen (U+2011) as U+2010.
HYPHENS = "ー‐‑‒–—―−﹣"
_AS_HYPHEN = str.maketrans(dict.fromkeys(HYPHENS, "-"))

SEPARATORS = " -"


def normalise_number(value: str) -> str:
    """A number as typed, in ASCII: digits half-width, every hyphen look-alike "-", ends trimmed.

    Keeps the person's grouping (052-000-1234 stays 052-000-1234): for what is shown back to
    them and stored as they wrote it, such as a phone number.
    """
    value = unicodedata.normalize("NFKC", value or "")
    return value.translate(_AS_HYPHEN).strip()


def normalise_digits(value: str) -> str:
    """A number as its plain ASCII digits: what normalise_number gives, without hyphens or spaces.

    Anything else is kept, so that a letter still fails validation instead of vanishing.
    """
    return "".join(ch for ch in normalise_number(value) if ch not in SEPARATORS)


_HIRAGANA = str.maketrans({chr(code): chr(code - 0x60) for code in range(ord("ァ"), ord("ヶ") + 1)})


def katakana_to_hiragana(value: str) -> str:
    """サクラセイキ → さくらせいき: the register gives フリガナ; our forms ask for ふりがな."""
    return value.translate(_HIRAGANA)
