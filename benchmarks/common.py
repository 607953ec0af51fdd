"""What every benchmark script shares: production-like settings, a throw-away database,
and printing median / p95."""

import os
import statistics
import sys
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# Production mode: cached templates, no debug bookkeeping; plain HTTP inside the process.
os.environ.update(DEBUG="false", SECURE_SSL_REDIRECT="false", ALLOWED_HOSTS="testserver")
os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")


def setup():
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.API_RATE_LIMIT_PER_MINUTE = 10**9
    # No collectstatic here: plain static URLs cost the same as hashed ones.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@contextmanager
def throwaway_database(keep: bool = False):
    """A fresh `test_<name>` database, migrated and with its content, dropped afterwards unless `keep`."""
    from django.core.management import call_command
    from django.db import connection

    print(f"database: {connection.vendor}")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    call_command("load_content", verbosity=0)
    try:
        yield connection
    finally:
        if not keep:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(name: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{name:<32} n={len(ms):<5} median={statistics.median(ms):7.2f} ms  "
        f"p95={percentile(ms, 0.95):7.2f} ms  max={max(ms):7.2f} ms"
    )
