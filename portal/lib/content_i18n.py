"""English for the content that lives in data files: the questionnaire, the lessons and quizzes.

The Japanese texts are the source; migrations load them into the database. Each data file
has an English twin with the same structure (`fixtures/diagnosis/X.en.toml`,
`fixtures/learning/themes/en/NN.toml`; `tools/check_english_content.py` and a test keep
them aligned). Pairing the strings of the two files gives a catalogue, Japanese → English,
which does for content what gettext does for the interface: when the active language is
English, content models swap their text for the English one as they are loaded
(`post_init`), so every page, PDF and e-mail shows English while the database keeps the
Japanese original. Texts without a translation stay Japanese.

The admin edits the Japanese originals: nothing is swapped in admin requests
(`OriginalContentInAdmin`), and saving a swapped instance is refused outright, so English
can never overwrite the source by accident.
"""

import tomllib
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

_swapping: ContextVar[bool] = ContextVar("content_swapping", default=True)


def english_twins() -> list[tuple[Path, Path]]:
    """(Japanese file, English file) for every content file that has an English edition."""
    pairs = [
        (path.with_name(path.name.replace(".en.toml", ".toml")), path) for path in FIXTURES.rglob("*.en.toml")
    ]
    themes = FIXTURES / "learning" / "themes"
    pairs += [(themes / path.name, path) for path in sorted((themes / "en").glob("*.toml"))]
    return [(ja, en) for ja, en in pairs if ja.exists()]


def _pairs(ja, en):
    if isinstance(ja, dict) and isinstance(en, dict):
        for key, value in ja.items():
            if key in en:
                yield from _pairs(value, en[key])
    elif isinstance(ja, list) and isinstance(en, list) and len(ja) == len(en):
        for a, b in zip(ja, en, strict=True):
            yield from _pairs(a, b)
    elif isinstance(ja, str) and isinstance(en, str) and ja.strip():
        yield ja.strip(), en.strip()


# Content texts that live in code rather than in a data file (see register_texts).
_texts_in_code: dict[str, str] = {}


def register_texts(japanese_to_english: dict[str, str]) -> None:
    """Add content texts defined in code, e.g. the answer labels of the self-diagnosis."""
    _texts_in_code.update(japanese_to_english)
    catalogue.cache_clear()


@cache
def catalogue() -> dict[str, str]:
    texts = dict(_texts_in_code)
    for ja_path, en_path in english_twins():
        with ja_path.open("rb") as ja, en_path.open("rb") as en:
            texts.update(_pairs(tomllib.load(ja), tomllib.load(en)))
    return texts


def in_english() -> bool:
    return (translation.get_language() or "").startswith("en") and _swapping.get()


def translatable(model, fields: list[str]) -> None:
    """Swap `fields` of `model` for English as instances load, while English is active."""

    def swap(sender, instance, **kwargs):
        if not in_english():
            return
        texts = catalogue()
        swapped = False
        for field in fields:
            value = instance.__dict__.get(field)  # a deferred field is simply not there
            if isinstance(value, str):
                new = texts.get(value.strip(), value)
            elif isinstance(value, list):
                new = [texts.get(v.strip(), v) if isinstance(v, str) else v for v in value]
            else:
                continue
            if new != value:
                instance.__dict__[field] = new
                swapped = True
        if swapped:
            instance._content_language = "en"

    def refuse(sender, instance, **kwargs):
        if getattr(instance, "_content_language", None) == "en":
            raise RuntimeError(f"{sender.__name__} {instance.pk} holds English texts; the source is Japanese")

    post_init.connect(swap, sender=model, weak=False, dispatch_uid=f"content_i18n_swap_{model._meta.label}")
    pre_save.connect(
        refuse, sender=model, weak=False, dispatch_uid=f"content_i18n_refuse_{model._meta.label}"
    )


class OriginalContentInAdmin:
    """Middleware: the admin shows and saves the Japanese originals, whatever the language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/admin/"):
            return self.get_response(request)
        token = _swapping.set(False)
        try:
            return self.get_response(request)
        finally:
            _swapping.reset(token)
