"""Every stage links to the next: a saved result offers the declaration and names what ★★
needs, a published policy offers ★★, a new member lands on learning, an approved presenter is
sent to their public profile, and 「続きから」 appears only once something was started."""

from django.core import mail
from django.urls import reverse

from declaration import services as declaration_services
from declaration.selectors import organisation_policy
from portal.models import Role
from presenters import services as presenter_services
from presenters.models import Kind, Status
from tests.factories import InvitationFactory, UserFactory
from tests.helpers import in_language, presenter_for, theme_passed

POLICY = {
    "title": "情報セキュリティ基本方針",
    "preamble": "当社は情報を守ります。",
    "sections": [{"heading": "体制", "body": "責任者を置きます。"}],
    "closing": "以上",
}
OFFER = 'data-testid="declaration-offer"'


def offer_link(body: str) -> str:
    start = body.index('data-testid="declaration-offer-link"')
    return body[body.rindex("<a ", 0, start) : start]


def save_policy(organisation, user):
    declaration_services.policy_save(organisation=organisation, user=user, **POLICY)
    return organisation_policy(organisation)


# --- A saved result offers the declaration --------------------------------------------------


def test_a_saved_result_offers_the_declaration_and_names_what_two_stars_need(
    client_for, admin, organisation, complete
):
    assessment = complete(organisation, user=admin)
    body = client_for(admin).get(assessment.get_absolute_url()).content.decode()
    assert OFFER in body
    assert "次の一歩：SECURITY ACTION を宣言する" in body
    assert reverse("declaration:apply") in offer_link(body)
    assert "公開した情報セキュリティ基本方針" in body and reverse("policies:edit") in body
    assert "この組織の12か月以内の自社診断の結果" not in body  # this result is that


def test_after_a_one_star_declaration_the_result_offers_two_stars(
    client_for, admin, organisation, complete, declare
):
    declare(organisation)
    assessment = complete(organisation, user=admin)
    body = client_for(admin).get(assessment.get_absolute_url()).content.decode()
    assert "次の一歩：二つ星（★★）にする" in body
    assert reverse("declaration:upgrade") in offer_link(body)


def test_the_offer_follows_each_change_at_once(
    client_for, admin, organisation, complete, declare, django_capture_on_commit_callbacks
):
    """The offer's facts are kept per organisation; declaring and publishing move them."""
    assessment = complete(organisation, user=admin)
    client = client_for(admin)
    assert (
        "次の一歩：SECURITY ACTION を宣言する" in client.get(assessment.get_absolute_url()).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        declare(organisation)
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert "次の一歩：二つ星（★★）にする" in body
    assert "公開した情報セキュリティ基本方針" in body
    save_policy(organisation, admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("policies:publish"), {"publish": "1"})
    body = client.get(assessment.get_absolute_url()).content.decode()
    assert "二つ星に必要なものはそろっています。" in body


def test_with_two_stars_the_result_offers_nothing_more(client_for, admin, organisation, complete, declare):
    assessment = complete(organisation, user=admin)
    declaration_services.policy_publish(policy=save_policy(organisation, admin), publish=True)
    declare(organisation, stars=2, use_portal_policy=True, policy_url="")
    assert OFFER not in client_for(admin).get(assessment.get_absolute_url()).content.decode()


def test_members_are_not_offered_to_declare(client_for, member, organisation, complete):
    saved = complete(organisation, user=member)
    assert OFFER not in client_for(member).get(saved.get_absolute_url()).content.decode()


def test_the_offer_in_english(client_for, admin, organisation, complete):
    assessment = complete(organisation, user=admin)
    body = in_language(client_for(admin), "en").get(assessment.get_absolute_url()).content.decode()
    assert OFFER in body
    assert "/en/declaration/apply/" in offer_link(body) or reverse("declaration:apply") in offer_link(body)


# --- Publishing the policy offers ★★ ---------------------------------------------------------


def test_publishing_the_policy_offers_the_upgrade(client_for, admin, organisation, complete, declare):
    complete(organisation, user=admin)
    declare(organisation)
    save_policy(organisation, admin)
    response = client_for(admin).post(reverse("policies:publish"), {"publish": "1"}, follow=True)
    body = response.content.decode()
    assert "次の一歩：二つ星（★★）にする" in body
    assert "二つ星に必要なものはそろっています。" in body
    assert reverse("declaration:upgrade") in offer_link(body)


def test_publishing_without_a_declaration_offers_two_stars_at_once(client_for, admin, organisation, complete):
    complete(organisation, user=admin)
    save_policy(organisation, admin)
    body = client_for(admin).post(reverse("policies:publish"), {"publish": "1"}, follow=True).content.decode()
    assert reverse("declaration:apply") + "?stars=2" in offer_link(body)


def test_publishing_without_a_result_names_the_diagnosis(
    client_for, admin, organisation, questionnaire, declare
):
    declare(organisation)
    save_policy(organisation, admin)
    body = client_for(admin).post(reverse("policies:publish"), {"publish": "1"}, follow=True).content.decode()
    assert "この組織の12か月以内の自社診断の結果" in body
    assert reverse("diagnosis:take") in body


def test_an_unpublished_policy_offers_nothing_yet(client_for, admin, organisation):
    save_policy(organisation, admin)
    assert OFFER not in client_for(admin).get(reverse("policies:edit")).content.decode()


# --- A new member lands on learning ----------------------------------------------------------


def test_a_new_member_lands_on_learning(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="new@example.jp", role=Role.MEMBER)
    client.force_login(UserFactory(email="new@example.jp"))
    response = client.post(invitation.get_absolute_url())
    assert response["Location"] == reverse("learning:index")


def test_a_new_admin_lands_on_the_task_list(client, organisation):
    invitation = InvitationFactory(organisation=organisation, email="boss@example.jp", role=Role.ADMIN)
    client.force_login(UserFactory(email="boss@example.jp"))
    assert client.post(invitation.get_absolute_url())["Location"] == reverse("dashboard")


# --- An approved presenter is sent to their profile ------------------------------------------


def test_the_approval_mail_links_the_public_profile(reviewer, django_capture_on_commit_callbacks):
    presenter = presenter_for(UserFactory(), status=None)
    with django_capture_on_commit_callbacks(execute=True):
        presenter_services.presenter_review(
            presenter=presenter, reviewer=reviewer, action="approve", reason="確認しました"
        )
    presenter.refresh_from_db()
    assert presenter.status == Status.APPROVED
    assert presenter.get_absolute_url() in mail.outbox[-1].body


def test_a_materials_only_approval_links_no_public_profile(reviewer, django_capture_on_commit_callbacks):
    presenter = presenter_for(UserFactory(), status=None, kind=Kind.MATERIALS_ONLY)
    with django_capture_on_commit_callbacks(execute=True):
        presenter_services.presenter_review(
            presenter=presenter, reviewer=reviewer, action="approve", reason="確認しました"
        )
    assert presenter.get_absolute_url() not in mail.outbox[-1].body


# --- 「続きから」 only when something was started ---------------------------------------------


def test_learning_says_start_until_something_was_started(client_for, member, themes):
    client = client_for(member)
    for url in (reverse("learning:index"), reverse("learning:progress")):
        body = client.get(url).content.decode()
        assert "はじめる" in body and "続きから" not in body
    theme_passed(member, themes[0])
    for url in (reverse("learning:index"), reverse("learning:progress")):
        body = client.get(url).content.decode()
        assert "続きから" in body


def test_a_visitor_is_offered_to_start(client, themes):
    body = client.get(reverse("learning:index")).content.decode()
    assert "はじめる（テーマ1）" in body and "続きから" not in body


def test_a_diagnosis_draft_is_continued_from_the_history(client_for, admin, organisation, questionnaire):
    from diagnosis import services as diagnosis_services

    client = client_for(admin)
    assert "診断をはじめる" in client.get(reverse("diagnosis:history")).content.decode()
    diagnosis_services.assessment_save_draft(
        questionnaire=questionnaire, organisation=organisation, user=admin, answers={"1": "yes"}
    )
    body = client.get(reverse("diagnosis:history")).content.decode()
    assert "続きから回答する" in body and "診断をはじめる" not in body
