"""Two gunicorn instances behind one imaginary load balancer behave as one server.

Both run in production mode on the test database with one Redis. One person's requests
alternate between them: the session, the CSRF token, the API rate limit and the cached
search pages are shared, and a change made through one retires the cache on both. A third
instance reads the registry from a replica (here a second database with different rows)
while everything else stays on the primary.
"""

import http.client
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from benchmarks.clients import drop_database, ensure_database
from benchmarks.servers import ROOT, Gunicorn, collectstatic, production_environment, redis_answers
from portal.models import User

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not redis_answers(),
        reason="two app servers share a database and a cache: needs PostgreSQL and Redis (CI has both)",
    ),
    pytest.mark.django_db(transaction=True),
]

REDIS_URL = "redis://127.0.0.1:6379/7"
PASSWORD = "correct-horse-battery-staple-9"


def database_url(name: str) -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


class Browser:
    """Keeps cookies like a browser (whichever port answered) and sends them to every instance."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, base: str, method: str, path: str, form: dict | None = None):
        parts = urlsplit(base)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        conn.close()
        return response.status, response.getheader("Location", ""), content


@pytest.fixture(scope="module")
def environment(django_db_setup, django_db_blocker):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_environment(
        database_url(connection.settings_dict["NAME"]), REDIS_URL=REDIS_URL, API_RATE_LIMIT_PER_MINUTE="4"
    )
    collectstatic(env)
    return env


@pytest.fixture(scope="module")
def two_instances(environment):
    with Gunicorn(environment, workers=2) as first, Gunicorn(environment, workers=2) as second:
        yield first.url, second.url


@pytest.fixture
def person(transactional_db):
    from allauth.account.models import EmailAddress

    user = User.objects.create(email="alternating@example.jp", full_name="交互 太郎")
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def test_login_on_one_instance_holds_on_the_other_with_one_csrf_token(two_instances, person):
    a, b = two_instances
    browser = Browser()
    status, _location, page = browser.request(a, "GET", "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert status == 200 and "csrftoken" in browser.cookies

    status, location, _page = browser.request(
        b,
        "POST",
        "/accounts/login/",
        {"csrfmiddlewaretoken": token, "login": person.email, "password": PASSWORD},
    )
    assert (status, location) == (302, "/my/")  # B accepted the token A issued

    status, _location, page = browser.request(a, "GET", "/accounts/profile/")
    assert status == 200 and person.email in page  # A knows the session B created

    status, _location, _page = browser.request(
        a, "POST", "/accounts/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    )
    assert status == 302
    status, location, _page = browser.request(b, "GET", "/accounts/profile/")
    assert status == 302 and location.startswith("/accounts/login/")  # logged out on both


def test_the_api_rate_limit_counts_across_instances(two_instances, transactional_db):
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    a, b = two_instances
    browser = Browser()
    statuses = [browser.request(server, "GET", "/api/v1/declarations")[0] for server in [a, b, a, b, a, b]]
    # Four per minute in all: with a cache per instance each would still allow these.
    assert statuses == [200, 200, 200, 200, 429, 429]


def test_cached_pages_are_shared_and_a_change_on_one_instance_retires_them_on_both(two_instances, person):
    from benchmarks.clients import DECLARATION_FORM
    from tests.factories import MembershipFactory, OrganisationFactory

    def declare_behind_the_servers_back(name):
        """Straight into the database: no app server hears of it."""
        from declaration import services
        from tests.declaration.conftest import CONTACT

        organisation = OrganisationFactory(name=name, prefecture="47")
        admin = MembershipFactory(organisation=organisation, role="admin").user
        services.declaration_submit(
            organisation=organisation, user=admin, stars=1, contact=CONTACT, purpose="subsidy"
        )

    a, b = two_instances
    browser = Browser()
    # Filter searches are cached (free-text ones are not: tests/security/test_cache_growth.py).
    search = "/registry/?" + urlencode({"prefecture": "47"})
    declare_behind_the_servers_back("共有キャッシュ商事")
    assert "1件" in browser.request(a, "GET", search)[2]
    declare_behind_the_servers_back("共有キャッシュ物産")
    page = browser.request(b, "GET", search)[2]
    assert "共有キャッシュ物産" not in page and "1件" in page  # B served the HTML A cached

    # A declaration made through B retires the cached search on A too.
    organisation = OrganisationFactory(name="共有キャッシュ建設", prefecture="47")
    MembershipFactory(organisation=organisation, user=person, role="admin")
    person.current_organisation = organisation
    person.save()
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.request(a, "GET", "/accounts/login/")[2]
    )
    login = {"csrfmiddlewaretoken": token.group(1), "login": person.email, "password": PASSWORD}
    assert browser.request(a, "POST", "/accounts/login/", login)[0] == 302
    form = DECLARATION_FORM | {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}
    assert browser.request(b, "POST", "/declaration/apply/", form)[:2] == (302, "/declaration/mine/")
    page = browser.request(a, "GET", search)[2]
    assert "共有キャッシュ建設" in page and "共有キャッシュ物産" in page and "3件" in page


def test_registry_reads_go_to_the_replica_and_the_rest_to_the_primary(environment, person):
    import redis

    replica = database_url(f"{connection.settings_dict['NAME']}_replica")
    ensure_database(replica, fresh=True)
    try:
        subprocess.run(
            [sys.executable, "manage.py", "seed_demo", "--organisations=0", "--declarations=3", "--seed=5"],
            cwd=ROOT,
            env=environment | {"DATABASE_URL": replica},
            check=True,
            capture_output=True,
        )
        own = {
            "DATABASE_REPLICA_URL": replica,
            "REDIS_URL": "redis://127.0.0.1:6379/8",  # not the counts the other instances cached
            "API_RATE_LIMIT_PER_MINUTE": "1000",
        }
        redis.Redis.from_url(own["REDIS_URL"]).flushdb()
        with Gunicorn(environment | own, workers=1) as server:
            browser = Browser()
            status, _location, body = browser.request(server.url, "GET", "/api/v1/declarations")
            assert status == 200 and '"count": 3' in body  # the primary has none
            status, _location, page = browser.request(server.url, "GET", "/accounts/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            status, location, _page = browser.request(
                server.url,
                "POST",
                "/accounts/login/",
                {"csrfmiddlewaretoken": token, "login": person.email, "password": PASSWORD},
            )
            assert (status, location) == (302, "/my/")  # the person and the session: the primary
    finally:
        drop_database(replica)
