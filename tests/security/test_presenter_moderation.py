# ruff: noqa: F811 - the imported fixtures are parameters of the tests
"""Finding 7: a presenter cannot publish text staff have not seen — neither by editing an
approved profile nor by switching a materials-only registration to a public profile."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry
from presenters.models import Kind, Presenter, Status

# The presenter fixtures, shared with tests/presenters (pytest finds fixtures by name).
from tests.presenters.conftest import PROFILE, make_presenter, presenter_reviewer  # noqa: F401

SLUR = "今すぐ当社の怪しい商材を買え"


def profile_form(presenter: Presenter, **changes) -> dict:
    """The dashboard's form as the presenter submits it."""
    data = {**PROFILE, "prefectures": [area.prefecture for area in presenter.areas.all()], **changes}
    data["expertise"] = [code for code in data["expertise"].split(",") if code]
    return {key: value for key, value in data.items() if value is not False}


def public_text(client, presenter: Presenter) -> str:
    """What anyone sees: the profile page and the search."""
    profile = client.get(reverse("presenters:profile", args=[presenter.pk]))
    search = client.get(reverse("presenters:search"), {"q": presenter.name})
    return profile.content.decode() + search.content.decode()


def test_an_approved_presenters_edits_stay_private_until_staff_approve(
    client_for, client, make_presenter, presenter_reviewer, django_capture_on_commit_callbacks
):
    presenter = make_presenter()
    assert PROFILE["bio"] in public_text(client, presenter)

    owner = client_for(presenter.user)
    with django_capture_on_commit_callbacks(execute=True):
        owner.post(reverse("presenters:dashboard"), profile_form(presenter, bio=SLUR, name="別人 名義"))
    client.logout()
    shown = public_text(client, presenter)
    assert SLUR not in shown and "別人 名義" not in shown
    assert PROFILE["bio"] in shown  # the approved version stays public meanwhile
    dashboard = client_for(presenter.user).get(reverse("presenters:dashboard")).content.decode()
    assert "運営者の確認待ち" in dashboard and SLUR in dashboard  # they see their own text
    client.logout()

    staff = client_for(presenter_reviewer)
    detail = staff.get(reverse("review:presenter", args=[presenter.pk])).content.decode()
    assert SLUR in detail and PROFILE["bio"] in detail  # staff see before and after
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("review:presenter_act", args=[presenter.pk, "approve"]), {"reason": "確認しました"}
        )
    staff.logout()
    assert SLUR in public_text(client, presenter)
    assert AuditEntry.objects.filter(action="presenter.approved", target=f"presenter {presenter.pk}").exists()


def test_declined_changes_never_become_public(
    client_for, client, make_presenter, presenter_reviewer, django_capture_on_commit_callbacks
):
    presenter = make_presenter()
    client_for(presenter.user).post(reverse("presenters:dashboard"), profile_form(presenter, bio=SLUR))
    staff = client_for(presenter_reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            reverse("review:presenter_act", args=[presenter.pk, "decline_changes"]),
            {"reason": "宣伝は不可です"},
        )
    staff.logout()
    presenter.refresh_from_db()
    assert (presenter.pending_changes, presenter.changes_to_review) == ({}, False)
    assert presenter.status == Status.APPROVED and presenter.review_note == "宣伝は不可です"
    assert SLUR not in public_text(client, presenter)
    assert AuditEntry.objects.filter(action="presenter.declined").exists()


def test_a_materials_only_presenter_cannot_make_itself_public(
    client_for, client, make_presenter, presenter_reviewer, django_capture_on_commit_callbacks
):
    presenter = make_presenter(kind=Kind.MATERIALS_ONLY, bio=SLUR)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(presenter.user).post(reverse("presenters:switch_kind"))
    client.logout()
    assert client.get(reverse("presenters:profile", args=[presenter.pk])).status_code == 404
    assert SLUR not in client.get(reverse("presenters:search")).content.decode()
    presenter.refresh_from_db()
    assert presenter.kind == Kind.MATERIALS_ONLY and presenter.changes_to_review
    assert presenter.can_download  # still approved for the materials meanwhile

    staff = client_for(presenter_reviewer)
    assert presenter in staff.get(reverse("review:presenters")).context["page"].object_list
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(reverse("review:presenter_act", args=[presenter.pk, "approve"]), {"reason": "公開を承認"})
    staff.logout()
    assert client.get(reverse("presenters:profile", args=[presenter.pk])).status_code == 200


@pytest.mark.parametrize("status", [Status.APPROVED, Status.SUSPENDED])
def test_edits_made_while_suspended_wait_too(make_presenter, status):
    """Reinstating a suspended profile must not publish what was typed during the suspension."""
    from presenters import services

    presenter = make_presenter(status=status)
    services.presenter_update(
        presenter=presenter, user=presenter.user, prefectures=["13"], **{**PROFILE, "bio": SLUR}
    )
    presenter.refresh_from_db()
    assert presenter.bio == PROFILE["bio"] and presenter.pending_changes == {"bio": SLUR}
