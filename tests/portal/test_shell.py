"""The header's kept parts ({% kept %}, portal/templatetags/shell.py; the footer and main menu
through {% cache %}): rendered once per person and state, yet every page shows this request's
path and CSRF token, and a change to the person or their organisations shows at once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from portal.models import Membership, Role
from tests.factories import OrganisationFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')


def next_values(body: str) -> set[str]:
    return set(re.findall(r'name="next" value="([^"]*)"', body))


def test_each_page_carries_its_own_path_and_a_working_token(admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin)
    client.get("/learning/")  # keeps the bar
    body = client.get("/diagnosis/history/?page=1&sort=x").content.decode()
    assert next_values(body) == {"/diagnosis/history/?page=1&amp;sort=x"}
    assert "__kept" not in body
    token = TOKEN.search(body).group(1)
    response = client.post(reverse("text_size"), {"size": "large", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_a_hostile_path_is_escaped(client, db):
    client.get("/registry/")
    body = client.get('/registry/?q="><script>alert(1)</script>').content.decode()
    assert "<script>alert(1)" not in body
    assert all(value.startswith("/registry/?q=") and "<" not in value for value in next_values(body))


def test_a_new_name_shows_at_once(client_for, admin):
    client = client_for(admin)
    assert admin.display_name in client.get("/learning/").content.decode()
    admin.full_name = "新しい 名前"
    admin.save()
    assert "新しい" in client.get("/learning/").content.decode()


def test_joining_and_switching_organisations_change_the_header(client_for, admin, organisation):
    client = client_for(admin)
    body = client.get("/learning/").content.decode()
    assert "組織を切り替える" not in body  # one organisation: nothing to switch to
    other = OrganisationFactory(name="株式会社みなと物産")
    Membership.objects.create(user=admin, organisation=other, role=Role.MEMBER)
    body = client.get("/learning/").content.decode()
    assert "組織を切り替える" in body and "株式会社みなと物産" in body
    client.post(reverse("organisations:switch"), {"organisation": other.pk, "next": "/learning/"})
    body = client.get("/learning/").content.decode()
    current = re.search(r'class="current-organisation"[^>]*>([^<]*)<', body).group(1)
    assert current == "株式会社みなと物産"
    assert 'data-testid="team-learning-link"' not in body  # a plain member there


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_anonymous_and_signed_in_bars_are_kept_apart(client_for, admin, path):
    anonymous = Client().get(path).content.decode()
    mine = client_for(admin).get(path).content.decode()
    assert 'data-testid="logout"' in mine and 'data-testid="logout"' not in anonymous
