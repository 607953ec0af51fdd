"""Issue 16, the declaration journey's rough edges: the apply form's level sections, the
registry's ID column, the verification page's stars, the suspended owner's banner and the
review queue without suspended declarations."""

import re

import pytest
from django.urls import reverse

from declaration import selectors, services
from declaration.models import Declaration, Review, Status
from tests.declaration.conftest import apply_data
from tests.factories import MembershipFactory, OrganisationFactory

APPLY = "/declaration/apply/"


class TestApplyFormSections:
    def test_each_level_has_its_own_section_and_the_script_that_toggles_them(
        self, client_for, organisation, admin
    ):
        body = client_for(admin).get(APPLY).content.decode()
        # Without JavaScript both sections show, each under a heading naming its level.
        assert re.search(r'data-stars-section="1"[^>]*>\s*<legend[^>]*>一つ星：', body)
        assert re.search(r'data-stars-section="2"[^>]*>\s*<legend[^>]*>二つ星：', body)
        assert 'data-stars-section="2" hidden' not in body
        assert "declaration/js/apply.js" in body

    def test_one_star_ignores_the_two_star_fields(self, client_for, organisation, admin):
        response = client_for(admin).post(
            APPLY, apply_data(1, step="submit", policy_source="url", policy_url="http://not-https")
        )
        assert response.status_code == 302
        assert Declaration.objects.get().stars == 1

    def test_two_stars_still_need_their_evidence_on_the_server(self, client_for, organisation, admin):
        response = client_for(admin).post(APPLY, apply_data(2, step="confirm"))
        assert "policy_source" in response.context["form"].errors
        assert not Declaration.objects.exists()


class TestRegistryAndVerification:
    def test_the_list_shows_each_id(self, client, organisation, declare):
        declaration = declare(organisation)
        body = client.get("/registry/").content.decode()
        assert f'data-testid="registry-id">{declaration.declaration_id}<' in body
        assert '<th scope="col">自己宣言ID</th>' in body

    @pytest.mark.parametrize("stars", [1, 2])
    def test_the_verification_page_shows_the_stars_once(self, client, organisation, declare, complete, stars):
        if stars == 2:
            complete(organisation)
            declaration = declare(organisation, stars=2, policy_url="https://sakura.example.jp/policy")
        else:
            declaration = declare(organisation)
        body = client.get(declaration.get_absolute_url()).content.decode()
        level = re.search(r'data-testid="verification-level">(.*?)</dd>', body, re.S).group(1)
        assert level.count("★") == stars
        assert body.count("★") == stars


@pytest.fixture
def suspended(organisation, declare, reviewer):
    declaration = declare(organisation)
    return services.declaration_suspend(
        declaration=declaration, reviewer=reviewer, reason="連絡先のメールアドレスに届きません。"
    )


OPERATOR = {
    "name": "テスト運営株式会社",
    "name_en": "Test Operator Ltd",
    "email": "help@operator.example.jp",
    "phone": "03-1234-5678",
}


class TestSuspendedOwner:
    def test_the_banner_gives_the_reason_what_to_do_and_whom_to_contact(
        self, client_for, admin, suspended, settings
    ):
        settings.PORTAL_OPERATOR = OPERATOR
        body = client_for(admin).get(reverse("declaration:mine")).content.decode()
        banner = re.search(r'data-testid="suspended-banner">(.*?)</section>', body, re.S).group(1)
        assert "連絡先のメールアドレスに届きません。" in banner
        assert "再開するには" in banner
        assert "mailto:help@operator.example.jp" in banner
        assert "テスト運営株式会社" in banner

    def test_the_page_no_longer_says_it_declares(self, client_for, admin, suspended):
        body = client_for(admin).get(reverse("declaration:mine")).content.decode()
        assert "宣言しています" not in body
        assert 'data-testid="suspended-banner"' in body
        # Without an operator (a demonstration site), the banner says there is no desk.
        assert "問い合わせ窓口はありません" in body

    def test_an_active_declaration_has_no_banner_and_says_what_it_declares(
        self, client_for, admin, organisation, declare
    ):
        declare(organisation)
        body = client_for(admin).get(reverse("declaration:mine")).content.decode()
        assert "suspended-banner" not in body
        assert "宣言しています" in body


class TestReviewQueue:
    def test_a_suspended_declaration_leaves_the_waiting_queue_and_its_count(
        self, client_for, reviewer, admin, organisation, suspended
    ):
        other = OrganisationFactory(name="待ち行列テスト")
        MembershipFactory(organisation=other, user=admin, role="admin")
        waiting = services.declaration_submit(
            organisation=other,
            user=admin,
            stars=1,
            contact={"contact_name": "担当", "contact_email": "a@example.jp", "contact_phone": "0312345678"},
            purpose="customer",
        )
        assert suspended.review == Review.NEEDED  # left as it was: the selector decides
        assert list(selectors.review_queue()) == [waiting]
        assert selectors.review_counts()[Review.NEEDED] == 1
        # Still found under すべて and by its status.
        assert suspended in selectors.review_queue(review="")
        assert list(selectors.review_queue(review="", status=Status.SUSPENDED)) == [suspended]
        body = client_for(reviewer).get(reverse("review:queue")).content.decode()
        assert waiting.declaration_id in body
        assert suspended.declaration_id not in body

    def test_a_correction_request_on_a_suspended_declaration_waits_for_nobody(
        self, reviewer, organisation, declare
    ):
        declaration = declare(organisation)
        services.declaration_request_correction(declaration=declaration, reviewer=reviewer, reason="部署名")
        services.declaration_suspend(declaration=declaration, reviewer=reviewer, reason="停止")
        assert not selectors.review_queue(review=Review.CORRECTION).exists()
        assert Review.CORRECTION not in selectors.review_counts()
