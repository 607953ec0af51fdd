"""`reverse_once`: a URL that depends only on its name, a few fixed arguments and the language,
reversed once per process. Lists of lessons and the page shell ask for the same few dozen URLs
on every page; reversing costs about 10 µs each.

Only for arguments from a small, fixed set (a lesson's number, no ids of rows that grow): the
memo is bounded, and a test that swaps the URLconf clears it.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language


def reverse_once(viewname: str, *args) -> str:
    return _reverse(viewname, args, get_language(), get_script_prefix())


@lru_cache(maxsize=1024)
def _reverse(viewname: str, args: tuple, language: str | None, prefix: str) -> str:
    # `language` and `prefix` are only the key: reverse() reads the active ones itself.
    return reverse(viewname, args=args)


@receiver(setting_changed, dispatch_uid="links_urlconf_changed")
def _urlconf_changed(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
