"""Refusing deployments whose shared state is not shared.

Rate limits, lockouts, cached pages and sessions live in the cache. Without REDIS_URL each
process has its own (LocMemCache): with three gunicorn workers a 120/min API limit let 327 of
400 calls through, and a session or a retired cached page lived on in one worker only. So
production (DEBUG=False) serves only with a shared cache, or when the operator declares with
SINGLE_PROCESS=true that exactly one process serves the site (and then not several).
"""

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def workers_from_environment() -> int:
    """gunicorn reads its default number of workers from WEB_CONCURRENCY."""
    value = os.environ.get("WEB_CONCURRENCY", "") or "1"
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"WEB_CONCURRENCY must be a whole number, not {value!r}") from None


def require_shared_state(*, workers: int | None = None) -> None:
    """ImproperlyConfigured when production would count rate limits per process."""
    if settings.DEBUG:
        return
    per_process = settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES
    workers = workers_from_environment() if workers is None else workers
    if per_process and not settings.SINGLE_PROCESS:
        raise ImproperlyConfigured(
            "Production needs a shared cache: set REDIS_URL. Without it every process counts rate "
            "limits, lockouts and sessions on its own. If exactly one process serves the site, "
            "set SINGLE_PROCESS=true."
        )
    if per_process and workers > 1:
        raise ImproperlyConfigured(
            f"SINGLE_PROCESS=true but {workers} workers would each keep their own cache: set "
            "REDIS_URL, or run one worker."
        )
