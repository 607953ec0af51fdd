"""Fixtures shared by every test; the personas themselves are built in tests/personas.py: an
organisation admin, a member of the same organisation, an outsider (admin of another
organisation), anonymous, portal staff and a reviewer."""

import os

import pytest

from diagnosis import services as diagnosis_services
from diagnosis.models import Questionnaire
from portal.management.commands.load_content import load_all_content
from tests import personas
from tests.factories import OrganisationFactory
from tests.helpers import answers
from tests.oidc import gbizid, oidc_provider  # noqa: F401 - fixtures: the local OIDC provider

# Playwright's sync API runs an event loop in the test thread; Django would refuse DB access there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Jobs run in the test's process after the commit; tests/portal/test_tasks.py runs a worker.
    settings.TASKS_INLINE = True
    settings.STATISTICS_IN_WORKER = False  # tests/diagnosis/test_statistics_in_worker.py turns it on
    settings.MEDIA_ROOT = tmp_path / "media"
    from django.core.cache import caches
    from django.utils import translation

    from portal.lib import memo

    for store in caches.all():
        store.clear()
    memo.forget_all()
    # A request in English leaves English active in the thread; each test starts in Japanese.
    translation.activate("ja")


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="株式会社さくら精機")


@pytest.fixture
def admin(organisation):
    return personas.organisation_admin(organisation)


@pytest.fixture
def member(organisation):
    return personas.organisation_member(organisation)


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="有限会社みどり商店")


@pytest.fixture
def outsider(other_organisation):
    return personas.outsider(organisation=other_organisation)


@pytest.fixture
def staff(db):
    return personas.portal_staff()


@pytest.fixture
def client_for(client):
    """A test client logged in as the given persona (None stays anonymous)."""

    def login(user):
        if user is not None:
            client.force_login(user)
            if user.is_staff:
                # A staff session records when it was last used on its first request: make that
                # request here, so that query counts measure a session in use.
                client.get("/healthz")
        return client

    return login


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as `make setup` leaves it: migrated, then the content loaded."""
    with django_db_blocker.unblock():
        load_all_content()


@pytest.fixture
def questionnaire(db):
    """The questionnaire `load_content` loads (loaded again after a transactional test flushed it)."""
    if not Questionnaire.objects.filter(is_current=True).exists():
        load_all_content()
    return Questionnaire.objects.get(is_current=True)


@pytest.fixture
def complete(questionnaire):
    """Complete a self-diagnosis through the service (organisation None: an anonymous visitor)."""

    def make(organisation=None, default="yes", user=None, **overrides):
        return diagnosis_services.assessment_complete(
            questionnaire=questionnaire,
            organisation=organisation,
            user=user,
            answers=answers(default, **overrides),
        )

    return make


def _transactional(item) -> bool:
    return "transactional_db" in item.fixturenames or any(
        marker.kwargs.get("transaction") for marker in item.iter_markers("django_db")
    )


def pytest_collection_modifyitems(items):
    """Tests with real transactions (browser, concurrency) run last: the flush after each of
    them removes what migrations loaded (staff groups, the questionnaire).

    pytest-randomly has shuffled the items before this runs; the sort is stable, so the other
    tests keep their random order. The browser tests share one live server and run in file
    order, by file and line, whatever the seed."""

    def key(item):
        browser = "tests/browser/" in str(item.fspath)
        in_file_order = (str(item.fspath), item.location[1] or 0, item.nodeid) if browser else ()
        return (_transactional(item), browser, in_file_order)

    items.sort(key=key)


@pytest.fixture
def themes(db):
    """The 25 learning themes `load_content` loads (loaded again after a transactional test flushed them)."""
    from learning.models import Theme

    if not Theme.objects.exists():
        load_all_content()
    return list(Theme.objects.all())


@pytest.fixture
def theme1(themes):
    from learning.models import Theme

    return Theme.objects.get(number=1)


@pytest.fixture
def reviewer(db):
    """Portal staff in the reviewers group (its permissions as `portal.roles` grants them)."""
    return personas.reviewer()


@pytest.fixture
def declare(admin):
    """Declare ★ (or ★★) for an organisation through the service, as its admin."""
    from declaration import services as declaration_services

    def make(organisation, stars=1, **kwargs):
        return declaration_services.declaration_submit(
            organisation=organisation,
            user=admin,
            stars=stars,
            contact={
                "contact_name": "佐藤 花子",
                "contact_department": "総務部",
                "contact_email": "soumu@sakura.example.jp",
                "contact_phone": "0312345678",
            },
            purpose="subsidy",
            **kwargs,
        )

    return make
