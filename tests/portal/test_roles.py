"""Reviewers review, content editors edit content; neither can do the other's work."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def content_editor(db):
    user = UserFactory(email="editor@portal.example.jp", is_staff=True)
    user.groups.add(Group.objects.get(name="content editors"))
    return user


@pytest.fixture
def staff_reviewer(db):
    user = UserFactory(email="staff-reviewer@portal.example.jp", is_staff=True)
    user.groups.add(Group.objects.get(name="reviewers"))
    return user


def test_the_groups_have_the_right_permissions(db):
    reviewers = set(Group.objects.get(name="reviewers").permissions.values_list("codename", flat=True))
    editors = set(Group.objects.get(name="content editors").permissions.values_list("codename", flat=True))
    assert {
        "review_declaration",
        "review_presenter",
        "revoke_certificate",
        "view_auditentry",
        "view_statistics",
    } <= reviewers
    assert {"change_theme", "change_question", "change_item", "add_material"} <= editors
    assert not reviewers & {"change_theme", "change_question", "change_item", "add_material"}
    assert not editors & {"review_declaration", "review_presenter", "revoke_certificate", "view_auditentry"}


@pytest.mark.parametrize(
    "url",
    [
        "/review/",
        "/review/declarations/",
        "/review/presenters/",
        "/review/audit/",
        "/review/statistics/",
    ],
)
def test_content_editors_cannot_use_the_review_console(client_for, content_editor, url):
    assert client_for(content_editor).get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    ["/review/", "/review/declarations/", "/review/presenters/", "/review/audit/", "/review/statistics/"],
)
def test_reviewers_can(client_for, staff_reviewer, url):
    assert client_for(staff_reviewer).get(url).status_code == 200


def test_content_editors_edit_learning_content_reviewers_do_not(
    client_for, content_editor, staff_reviewer, themes
):
    from learning.models import Theme

    url = reverse("admin:learning_theme_change", args=[Theme.objects.get(number=1).pk])
    assert client_for(content_editor).get(url).status_code == 200
    assert client_for(staff_reviewer).get(url).status_code == 403


def test_reviewers_act_content_editors_cannot(client_for, content_editor, organisation, declare):
    declaration = declare(organisation)
    response = client_for(content_editor).post(
        reverse("review:act", args=[declaration.pk, "suspend"]), {"reason": "x"}
    )
    assert response.status_code == 403
    declaration.refresh_from_db()
    assert declaration.status == "active"
