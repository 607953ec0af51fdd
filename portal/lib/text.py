"""Small text normalisations shared by forms."""

import unicodedata

SEPARATORS = " -ー−‐"


def normalise_digits(value: str) -> str:
    """Numbers typed with full-width digits, hyphens or spaces, as plain ASCII digits.

    Anything else is kept, so that a letter still fails validation instead of vanishing.
    """
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(ch for ch in value if ch not in SEPARATORS)
