"""Every console page and every console action, for every persona: only the right staff get in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import UserFactory
from tests.helpers import theme_passed


@pytest.fixture
def content_editor(db):
    user = UserFactory(email="matrix-editor@portal.example.jp", is_staff=True)
    user.groups.add(Group.objects.get(name="content editors"))
    return user


@pytest.fixture
def plain_staff(db):
    return UserFactory(email="plain-staff@portal.example.jp", is_staff=True)


@pytest.fixture
def targets(organisation, declare, member, themes):
    from learning import services as learning_services
    from learning.models import Theme
    from presenters import services as presenter_services
    from tests.presenters.conftest import PROFILE

    declaration = declare(organisation)
    presenter = presenter_services.presenter_apply(
        user=UserFactory(), prefectures=["13"], kind="public", **PROFILE
    )
    certificate = theme_passed(member, Theme.objects.get(number=1))
    request = learning_services.revocation_request(certificate=certificate, user=member, reason="理由")
    return {"declaration": declaration.pk, "presenter": presenter.pk, "request": request.pk}


PAGES = [
    ("review:index", None),
    ("review:queue", None),
    ("review:detail", "declaration"),
    ("review:presenters", None),
    ("review:presenter", "presenter"),
    ("review:presenter_activity", None),
    ("review:audit", None),
    ("review:statistics", None),
    ("review:certificates", None),
]
ACTIONS = [
    ("review:act", ("declaration", "suspend")),
    ("review:act", ("declaration", "confirm")),
    ("review:act", ("declaration", "correction")),
    ("review:act", ("declaration", "reinstate")),
    ("review:bulk_confirm", None),
    ("review:presenter_act", ("presenter", "approve")),
    ("review:presenter_act", ("presenter", "reject")),
    ("review:presenter_act", ("presenter", "changes")),
    ("review:presenter_act", ("presenter", "suspend")),
    ("review:presenter_act", ("presenter", "reinstate")),
    ("review:certificate_decide", ("request", "revoke")),
    ("review:certificate_decide", ("request", "decline")),
]


def url_for(name, spec, targets):
    if spec is None:
        return reverse(name)
    if isinstance(spec, str):
        return reverse(name, args=[targets[spec]])
    return reverse(name, args=[targets[spec[0]], spec[1]])


@pytest.mark.parametrize("persona", ["admin", "member", "content_editor", "plain_staff", None])
def test_nobody_but_reviewers_reaches_a_console_page_or_action(request, client_for, targets, persona):
    from declaration.models import Declaration
    from learning.models import RevocationRequest
    from presenters.models import Presenter

    client = client_for(request.getfixturevalue(persona) if persona else None)
    for name, spec in PAGES:
        response = client.get(url_for(name, spec, targets))
        assert response.status_code in (302, 403), (persona, name, response.status_code)
    for name, spec in ACTIONS:
        response = client.post(
            url_for(name, spec, targets), {"reason": "forged", "declaration": [targets["declaration"]]}
        )
        assert response.status_code in (302, 403), (persona, name)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login")), (persona, name)
    assert Declaration.objects.get(pk=targets["declaration"]).events.count() == 1
    assert Presenter.objects.get(pk=targets["presenter"]).status == "pending"
    assert RevocationRequest.objects.get(pk=targets["request"]).state == "open"


def test_a_reviewer_reaches_every_page(client_for, reviewer, targets):
    from django.contrib.auth.models import Permission

    reviewer.groups.first().permissions.add(
        *Permission.objects.filter(codename__in=["review_presenter", "view_statistics", "revoke_certificate"])
    )
    client = client_for(reviewer)
    for name, spec in PAGES:
        assert client.get(url_for(name, spec, targets)).status_code == 200, name
