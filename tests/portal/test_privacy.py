import json

import pytest
from django.urls import reverse

from portal.models import AuditEntry


def test_personal_export_holds_my_data_and_nobody_elses(
    client_for, organisation, admin, member, outsider, complete, themes
):
    from learning import services
    from learning.models import Theme
    from learning.selectors import quiz_questions

    complete(organisation, "yes", user=admin)
    complete(organisation, "no", user=member)
    theme = Theme.objects.get(number=1)
    questions = quiz_questions(theme)
    answers = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
    services.attempt_record(
        user=admin, theme=theme, graded=services.quiz_grade(questions=questions, answers=answers)
    )

    response = client_for(admin).get(reverse("data:personal_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == admin.email
    assert [m["organisation__name"] for m in data["memberships"]] == ["株式会社さくら精機"]
    assert [r["total_score"] for r in data["diagnosis_results_submitted"]] == [100]
    assert len(data["learning"]["certificates"]) == 1
    text = response.content.decode()
    assert member.email not in text and outsider.email not in text
    assert AuditEntry.objects.filter(action="export.personal_data", actor=admin).exists()


def test_presenter_private_fields_are_in_their_own_export(client_for, db):
    from presenters import services
    from tests.factories import UserFactory
    from tests.presenters.conftest import PROFILE

    user = UserFactory()
    services.presenter_apply(user=user, prefectures=["13"], kind="public", **PROFILE)
    data = json.loads(client_for(user).get(reverse("data:personal_export")).content)
    assert data["presenter"]["profile"]["postal_address"] == PROFILE["postal_address"]


@pytest.mark.parametrize(
    "persona,expected", [("admin", 200), ("member", 403), ("outsider", 404), (None, 302)]
)
def test_organisation_export_is_for_its_admins(
    request, client_for, organisation, declare, admin, persona, expected
):
    declare(organisation)
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).get(reverse("data:organisation_export", args=[organisation.pk]))
    assert response.status_code == expected
    if expected == 200:
        data = json.loads(response.content)
        assert data["organisation"]["name"] == "株式会社さくら精機"
        assert len(data["declarations"]) == 1
        assert data["declaration_events"][0]["action"] == "submitted"
