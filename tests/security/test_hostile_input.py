"""Finding 6: hostile input is a 4xx, never a server error.

The named attacks of the security review first, then a walk over EVERY URL pattern of the
resolver, as every persona, with hostile values in the path, in the query string of the
known search parameters and in the fields of every form. Nothing here is specific to a
database: NUL is refused before any query (PostgreSQL cannot store it), numbers too large
for a 64-bit column are refused by form validation or a 404 before they reach the database.
"""

import re
from datetime import date
from urllib.parse import quote, urlencode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from declaration.models import Declaration
from diagnosis.models import ShareLink
from learning.models import Certificate
from presenters import services as presenter_services
from presenters.models import ActivityReport, Kind, Presenter, Status
from tests.factories import InvitationFactory
from tests.presenters.conftest import PROFILE

NUL = "\x00"
HOSTILE = {
    "nul": "a\x00b",
    "slash": "a/b",
    "arabic_digits": "١٢",
    "fullwidth_digits": "１２",
    "superscript": "²",
    "huge_number": "99999999999999999999",
    "impossible_date": "2026-13-45",
    "ten_kb": "長い" + "x" * 10_000,
}
# Every query parameter a view of the portal reads (grep request.GET).
SEARCH_PARAMETERS = [
    "q", "page", "prefecture", "industry", "stars", "sort", "id", "since", "until", "action",
    "actor", "review", "status", "show", "format", "section", "role", "next", "expertise",
]  # fmt: skip
# Fields posted to every URL besides those its own form shows.
COMMON_FIELDS = [
    "reason", "declaration", "email", "password", "stars", "next", "language", "size", "role",
    "kind", "publish", "action", "organisation", "audience_size", "held_on", "prefecture",
    "audience_type", "topics", "name", "title", "q",
]  # fmt: skip
# Logging out would end the persona's session halfway through the walk.
NO_POST = {"logout", "admin:logout"}


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} → {response.status_code}"


# --- The attacks the review named ------------------------------------------------------


class TestNamedAttacks:
    def test_an_id_with_a_slash_in_the_registry_box_is_not_a_server_error(self, client, db):
        response = client.get("/registry/", {"id": "a/b"})
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert client.get(response.url).status_code == 404

    def test_an_unknown_host_in_production_is_a_plain_400(self, client, db, settings):
        settings.DEBUG = False
        settings.ALLOWED_HOSTS = ["portal.example.jp"]
        client.raise_request_exception = False
        response = client.get("/", HTTP_HOST="attacker.example")
        assert response.status_code == 400

    @pytest.mark.parametrize(
        "url",
        [
            "/certificates/a%00b/",
            "/certificates/a%00b.pdf",
            "/diagnosis/shared/a%00b/",
            "/diagnosis/shared/a%00b/report.pdf",
            "/invitations/a%00b/",
            "/registry/?q=a%00b",
            "/api/v1/declarations?prefecture=%00",
        ],
    )
    def test_nul_in_a_public_url_is_refused_before_the_database(self, client, db, url):
        response = client.get(url)
        assert response.status_code == 400

    @pytest.mark.parametrize(
        "url", ["/review/?q=a%00b", "/review/declarations/?q=a%00b", "/review/presenters/?q=a%00b"]
    )
    def test_nul_in_a_console_search_is_refused(self, client_for, staff, url):
        assert client_for(staff).get(url).status_code == 400

    def test_nul_in_a_posted_field_is_refused(self, client_for, admin):
        response = client_for(admin).post("/declaration/mine/withdraw/", {"reason": "a\x00b"})
        assert response.status_code == 400

    def test_an_impossible_date_in_the_audit_log_filter_is_ignored(self, client_for, staff):
        response = client_for(staff).get("/review/audit/", {"since": "2026-13-45", "until": "2026-02-30"})
        assert response.status_code == 200

    @pytest.mark.parametrize("value", ["²", "99999999999999999999", "١٢", "１２"])
    def test_bulk_confirm_with_a_strange_number_confirms_nothing(self, client_for, staff, value):
        response = client_for(staff).post("/review/declarations/bulk-confirm/", {"declaration": [value]})
        assert response.status_code == 302

    def test_a_huge_audience_is_refused_and_the_statistics_still_work(self, client_for, staff):
        presenter = presenter_services.presenter_apply(
            user=staff, prefectures=["13"], kind=Kind.PUBLIC, **PROFILE
        )
        Presenter.objects.filter(pk=presenter.pk).update(status=Status.APPROVED)
        client = client_for(staff)
        for size in ("9223372036854775807", "99999999999999999999"):
            response = client.post(
                "/presenters/me/reports/",
                {
                    "held_on": "2026-04-01",
                    "prefecture": "13",
                    "audience_type": "sme",
                    "audience_size": size,
                    "topics": "標的型メール",
                },
            )
            # Refused with the form shown again, what was typed kept (no 5xx, nothing stored).
            assert response.status_code == 400
            assert size in response.content.decode()
        assert not ActivityReport.objects.exists()
        ActivityReport.objects.create(
            presenter=presenter,
            held_on=date(2026, 4, 2),
            prefecture="13",
            audience_type="sme",
            audience_size=30,
            topics="パスワード",
        )
        assert ActivityReport.objects.count() == 1  # only the plausible report was kept
        assert client.get("/review/presenters/activity/").status_code == 200
        assert client.get("/review/statistics/").status_code == 200


# --- Every URL pattern -------------------------------------------------------------------------


def url_patterns(patterns=None, prefix="", namespace=""):
    """(name, route with <converter:kwarg> placeholders, default kwargs) for every view."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, prefix + _route(pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + _route(pattern), pattern.default_args


def _route(pattern) -> str:
    """A route ("<int:pk>/") or a regex turned into the same placeholder form."""
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):
        return text
    text = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"<str:\1>", text)
    return text.replace("^", "").replace("$", "").replace("\\", "")


PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


def fill(route: str, values: dict[str, str]) -> str:
    return "/" + PLACEHOLDER.sub(lambda m: quote(values.get(m.group(2), "1"), safe=""), route)


@pytest.fixture
def world(organisation, admin, member, outsider, staff, declare, complete, themes):
    """One of everything a URL can point at, owned by the admin's organisation."""
    declaration = declare(organisation)
    assessment = complete(organisation=organisation, user=admin)
    share = ShareLink.objects.create(assessment=assessment, created_by=admin)
    certificate = Certificate.objects.create(
        user=member, theme=themes[0], name_printed="山田 花子", completed_on=date(2026, 4, 1)
    )
    invitation = InvitationFactory(organisation=organisation, invited_by=admin)
    presenter = presenter_services.presenter_apply(
        user=member, prefectures=["13"], kind=Kind.PUBLIC, **PROFILE
    )
    Presenter.objects.filter(pk=presenter.pk).update(status=Status.APPROVED)
    membership = admin.memberships.first()
    return {
        "pk": str(organisation.pk),
        "membership_pk": str(membership.pk),
        "invitation_pk": str(invitation.pk),
        "uuid": str(assessment.uuid),
        "token": share.token,
        "code": certificate.code,
        "declaration_id": Declaration.objects.get(pk=declaration.pk).declaration_id,
        "number": "1",
        "size": "128",
        "decision": "approve",
        "action": "confirm",
        "slug": "policy",
        "uidb64": "MQ",
        "object_id": str(organisation.pk),
        "app_label": "portal",
    }


FIELD = re.compile(r"<(?:input|select|textarea)[^>]*\bname=\"([^\"]+)\"")


def field_names(html: str) -> set[str]:
    return set(FIELD.findall(html)) - {"csrfmiddlewaretoken"}


@pytest.fixture
def no_pdf_rendering(monkeypatch):
    """The walk is about input, not typesetting: WeasyPrint's 0.3 s a page would be 40 s here.
    The views, their access checks and the template still run; PDFs have their own tests."""
    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7 stub")


def walk(client, world, *, admin_pages=False, queries_and_forms=True):
    """Every pattern: hostile path values, then (with `queries_and_forms`) the real objects with
    each hostile value in every known query parameter and in every field of the page's form."""
    requests = 0
    for name, route, _defaults in url_patterns():
        is_admin = name.startswith("admin:")
        if is_admin != admin_pages:
            continue
        kwargs = PLACEHOLDER.findall(route)
        for label, value in HOSTILE.items() if kwargs else ():
            url = fill(route, {kwarg: value for _converter, kwarg in kwargs})
            assert_no_server_error(client.get(url), f"GET {name} {label} {url[:80]}")
            requests += 1
        real = fill(route, world)
        page = client.get(real)
        assert_no_server_error(page, f"GET {name} {real}")
        requests += 1
        if not queries_and_forms or (is_admin and not name.endswith("_changelist")):
            continue
        fields = set(COMMON_FIELDS)
        if page.status_code == 200 and page.get("Content-Type", "").startswith("text/html"):
            fields |= field_names(page.content.decode())
        for label, value in HOSTILE.items():
            query = urlencode(dict.fromkeys(SEARCH_PARAMETERS, value))
            assert_no_server_error(client.get(f"{real}?{query}"), f"GET {name} ?{label}")
            requests += 1
            if name not in NO_POST and not is_admin:
                response = client.post(real, dict.fromkeys(fields, value))
                assert_no_server_error(response, f"POST {name} {label}")
                requests += 1
    return requests


@pytest.mark.parametrize(
    "persona,queries_and_forms",
    [
        ("anonymous", True),
        ("member", True),  # a read-only member: every write is refused, none crashes
        ("admin", True),
        ("staff", True),  # a superuser reaches every console page
        # The same views again, behind other access checks (404s and 403s): paths only.
        ("outsider", False),
        ("reviewer", False),
    ],
)
def test_no_url_answers_hostile_input_with_a_server_error(
    request, client, world, no_pdf_rendering, persona, queries_and_forms
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    client.raise_request_exception = True  # a 5xx shows its traceback
    requests = walk(client, world, queries_and_forms=queries_and_forms)
    assert requests > (1000 if queries_and_forms else 300)  # about 10 s each on SQLite


def test_no_admin_page_answers_hostile_input_with_a_server_error(client, world, staff):
    client.force_login(staff)
    client.raise_request_exception = True
    assert walk(client, world, admin_pages=True) > 1000


def test_the_walk_covers_every_pattern_the_resolver_knows():
    """Patterns added later are walked too: nothing here lists them by hand."""
    names = [name for name, _route, _defaults in url_patterns()]
    assert {"certificates:verify", "review:bulk_confirm", "api:declarations"} <= set(names)
    assert len(names) > 250  # the portal's views and the admin's
