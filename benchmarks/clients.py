"""Databases and logged-in people for the scripts that drive real servers.

A script calls `use_database(url)` before Django starts, then `django_setup()`, and makes
people with `logged_in(user)`: a real session in the database and a CSRF token, as a browser
would hold after logging in. `send()` makes one HTTP request with them and never raises on
an HTTP error or a cut connection: it reports status 0 for the latter.
"""

import http.client
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from benchmarks.servers import ROOT


def sibling_database_url(base_url: str, suffix: str) -> str:
    """`postgres://…/portal` → `postgres://…/portal_<suffix>`."""
    parts = urlsplit(base_url)
    name = parts.path.lstrip("/") or "portal"
    return urlunsplit(parts._replace(path=f"/{name}_{suffix}"))


def _admin_connection(url: str):
    import psycopg2

    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", dbname="postgres"
    )
    connection.autocommit = True
    return connection, parts.path.lstrip("/")


def ensure_database(url: str, *, fresh: bool = False) -> None:
    """Create the database named in `url` (dropping it first when `fresh`), migrate it and load the content."""
    connection, name = _admin_connection(url)
    with connection.cursor() as cursor:
        if fresh:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    for command in (["migrate", "--noinput", "-v0"], ["load_content", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )


def drop_database(url: str) -> None:
    connection, name = _admin_connection(url)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


@contextmanager
def scratch_database(url: str, *, keep: bool = False):
    """A fresh, migrated database for one script run, dropped afterwards unless `keep`."""
    ensure_database(url, fresh=True)
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if not keep:
            drop_database(url)


def require_postgres() -> str:
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/portal")
    return base


def django_setup(environment: dict[str, str]) -> None:
    """Start Django in this process with the servers' settings (same secret key, same database)."""
    os.environ.update(environment)
    import django

    django.setup()


@dataclass
class Person:
    session: str
    csrf: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": f"sessionid={self.session}; csrftoken={self.csrf}"}

    def form_headers(self) -> dict[str, str]:
        return self.headers | {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.csrf,
        }


def logged_in(user) -> Person:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return Person(session=session.session_key, csrf=get_random_string(32))


def people_with_organisations(count: int, *, prefix: str, admins_per_organisation: int = 1):
    """`count` organisations, each with its admins logged in: [(organisation, [Person, …]), …]."""
    from portal.models import Membership, Organisation, Role, User

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"{prefix}株式会社{n}", prefecture="13", industry="E", size_band="6-20")
        for n in range(count)
    )
    result = []
    for n, organisation in enumerate(organisations):
        users = User.objects.bulk_create(
            User(
                email=f"{prefix}-{n}-{a}@bench.example.jp",
                full_name=f"試験 太郎{n}",
                current_organisation=organisation,
            )
            for a in range(admins_per_organisation)
        )
        Membership.objects.bulk_create(
            Membership(user=user, organisation=organisation, role=Role.ADMIN) for user in users
        )
        result.append((organisation, [logged_in(user) for user in users]))
    return result


DECLARATION_FORM = {
    "step": "submit",
    "stars": "1",
    **{f"pledge_{n}": "on" for n in range(1, 6)},
    "contact_name": "試験 太郎",
    "contact_email": "contact@bench.example.jp",
    "contact_phone": "0312345678",
    "purpose": "subsidy",
    "agree": "on",
}
DIAGNOSIS_FORM = {f"q{n}": "yes" for n in range(1, 26)} | {"questionnaire": "2026.1"}


class Checks:
    """`check(ok, text)` prints one verdict and counts the failures (a script's exit status)."""

    def __init__(self):
        self.failed = 0

    def __call__(self, ok: bool, text: str) -> None:
        print(f"  [{'ok' if ok else 'FAILED'}] {text}")
        self.failed += not ok

    def exit_status(self) -> int:
        print(f"\n{'all checks passed' if not self.failed else f'{self.failed} check(s) FAILED'}")
        return 1 if self.failed else 0


@dataclass
class Sent:
    status: int  # 0: the connection was refused or cut
    seconds: float
    location: str = ""


def send(base_url: str, method: str, path: str, *, headers=None, form=None, timeout: float = 60) -> Sent:
    parts = urlsplit(base_url)
    body = urlencode(form) if form is not None else None
    started = time.monotonic()
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        return Sent(response.status, time.monotonic() - started, response.getheader("Location") or "")
    except (OSError, http.client.HTTPException):
        return Sent(0, time.monotonic() - started)
    finally:
        connection.close()
