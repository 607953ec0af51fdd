import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from declaration import services
from declaration.ids import is_valid_declaration_id
from declaration.models import Declaration, Review, ReviewEvent, Stars, Status
from tests.declaration.conftest import CONTACT

Action = ReviewEvent.Action


@pytest.fixture
def published_policy(organisation, admin):
    services.policy_save(
        organisation=organisation,
        user=admin,
        title="情報セキュリティ基本方針",
        preamble="前文",
        sections=[],
        closing="結び",
    )
    policy = organisation.policies.get()
    return services.policy_publish(policy=policy, publish=True)


class TestSubmit:
    def test_one_star_is_active_with_an_id_at_once(
        self, declare, organisation, admin, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            declaration = declare(organisation)
        assert declaration.status == Status.ACTIVE
        assert is_valid_declaration_id(declaration.declaration_id)
        assert declaration.declared_on is not None
        assert declaration.review == Review.NEEDED
        event = declaration.events.get()
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            Action.SUBMITTED,
            "",
            "active",
            admin,
        )
        assert mail.outbox[0].to == ["soumu@sakura.example.jp"]
        assert declaration.declaration_id in mail.outbox[0].body

    def test_a_second_declaration_for_the_same_organisation_is_refused(self, declare, organisation):
        declare(organisation)
        with pytest.raises(ValidationError, match="既に自己宣言があります"):
            declare(organisation)
        assert Declaration.objects.count() == 1

    def test_two_stars_needs_a_recent_diagnosis(self, declare, organisation):
        with pytest.raises(ValidationError) as raised:
            declare(organisation, Stars.TWO, policy_url="https://sakura.example.jp/policy")
        assert "12か月以内の自社診断" in str(raised.value)
        assert not Declaration.objects.exists()

    def test_two_stars_needs_an_https_policy_or_a_published_one(self, declare, organisation, complete):
        complete(organisation)
        with pytest.raises(ValidationError, match="https://"):
            declare(organisation, Stars.TWO, policy_url="http://sakura.example.jp/policy")
        with pytest.raises(ValidationError, match="公開されていません"):
            declare(organisation, Stars.TWO, use_portal_policy=True)
        assert not Declaration.objects.exists()

    def test_two_stars_with_diagnosis_and_published_policy(
        self, declare, organisation, complete, published_policy
    ):
        assessment = complete(organisation)
        declaration = declare(organisation, Stars.TWO, use_portal_policy=True)
        assert (declaration.stars, declaration.status) == (Stars.TWO, Status.ACTIVE)
        assert (declaration.assessment, declaration.policy) == (assessment, published_policy)

    def test_review_before_issuing_two_stars(self, declare, organisation, complete, reviewer, settings):
        settings.DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS = True
        complete(organisation)
        declaration = declare(organisation, Stars.TWO, policy_url="https://sakura.example.jp/policy")
        assert (declaration.status, declaration.declaration_id) == (Status.PENDING, None)
        declaration = services.declaration_confirm(declaration=declaration, reviewer=reviewer)
        assert declaration.status == Status.ACTIVE
        assert is_valid_declaration_id(declaration.declaration_id)

    def test_ids_are_never_reused(self, declare, organisation, admin):
        first = declare(organisation)
        services.declaration_withdraw(declaration=first, user=admin)
        second = declare(organisation)
        assert second.declaration_id != first.declaration_id
        assert Declaration.objects.count() == 2


class TestLifecycle:
    def test_upgrade_keeps_the_id(self, declare, organisation, admin, complete):
        declaration = declare(organisation)
        complete(organisation)
        upgraded = services.declaration_upgrade(
            declaration=declaration, user=admin, use_portal_policy=False, policy_url="https://a.example.jp/p"
        )
        assert (upgraded.stars, upgraded.declaration_id) == (Stars.TWO, declaration.declaration_id)
        assert upgraded.events.last().action == Action.UPGRADED
        assert upgraded.review == Review.NEEDED

    def test_upgrade_while_review_comes_first_waits(
        self, declare, organisation, admin, complete, reviewer, settings
    ):
        settings.DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS = True
        declaration = declare(organisation)
        complete(organisation)
        waiting = services.declaration_upgrade(
            declaration=declaration, user=admin, use_portal_policy=False, policy_url="https://a.example.jp/p"
        )
        assert (waiting.stars, waiting.requested_stars) == (Stars.ONE, Stars.TWO)
        confirmed = services.declaration_confirm(declaration=waiting, reviewer=reviewer)
        assert (confirmed.stars, confirmed.requested_stars) == (Stars.TWO, None)

    def test_every_transition_writes_an_event(self, declare, organisation, admin, reviewer):
        declaration = declare(organisation)
        services.declaration_request_correction(
            declaration=declaration, reviewer=reviewer, reason="電話番号の確認"
        )
        services.declaration_change(declaration=declaration, user=admin, contact=CONTACT)
        services.declaration_confirm(declaration=declaration, reviewer=reviewer)
        services.declaration_suspend(declaration=declaration, reviewer=reviewer, reason="虚偽の疑い")
        services.declaration_reinstate(declaration=declaration, reviewer=reviewer, reason="確認済み")
        services.declaration_withdraw(declaration=declaration, user=admin, reason="廃業")
        events = list(declaration.events.values_list("action", "from_status", "to_status", "reason"))
        assert events == [
            (Action.SUBMITTED, "", "active", ""),
            (Action.CORRECTION_REQUESTED, "active", "active", "電話番号の確認"),
            (Action.CHANGED, "active", "active", ""),
            (Action.CONFIRMED, "active", "active", ""),
            (Action.SUSPENDED, "active", "suspended", "虚偽の疑い"),
            (Action.REINSTATED, "suspended", "active", "確認済み"),
            (Action.WITHDRAWN, "active", "withdrawn", "廃業"),
        ]

    def test_events_are_immutable(self, declare, organisation):
        event = declare(organisation).events.get()
        event.reason = "書き換え"
        with pytest.raises(ValueError, match="immutable"):
            event.save()


ALLOWED = {
    Action.UPGRADED: {"active"},
    Action.CHANGED: {"pending", "active", "suspended"},
    Action.CONFIRMED: {"pending", "active"},
    Action.CORRECTION_REQUESTED: {"pending", "active"},
    Action.SUSPENDED: {"active"},
    Action.REINSTATED: {"suspended"},
    Action.WITHDRAWN: {"pending", "active", "suspended"},
}


@pytest.mark.parametrize("action", list(ALLOWED))
@pytest.mark.parametrize("status", ["pending", "active", "suspended", "withdrawn"])
def test_transition_table(action, status):
    transition = services.TRANSITIONS[action]
    if status in ALLOWED[action]:
        assert transition.check(status) in Status.values
    else:
        with pytest.raises(ValidationError):
            transition.check(status)


@pytest.mark.parametrize(
    "service,start",
    [
        (services.declaration_suspend, "suspended"),
        (services.declaration_reinstate, "active"),
        (services.declaration_suspend, "withdrawn"),
        (services.declaration_confirm, "withdrawn"),
    ],
)
def test_forbidden_transitions_change_nothing(declare, organisation, reviewer, service, start):
    declaration = declare(organisation)
    Declaration.objects.filter(pk=declaration.pk).update(status=start)
    declaration.refresh_from_db()
    with pytest.raises(ValidationError):
        service(declaration=declaration, reviewer=reviewer, reason="x")
    declaration.refresh_from_db()
    assert declaration.status == start
    assert declaration.events.count() == 1


def test_the_registry_follows_an_organisation_rename(declare, organisation):
    from portal import services as portal_services

    declaration = declare(organisation)
    portal_services.organisation_update(
        organisation=organisation, name="さくら精機ホールディングス", prefecture="23"
    )
    declaration.refresh_from_db()
    assert (declaration.organisation_name, declaration.prefecture) == ("さくら精機ホールディングス", "23")
