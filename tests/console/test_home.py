"""The signed-in home (/my/): each person's page, the next step it offers, its query counts,
the landing after login, and what the header offers whom."""

import re

import pytest
from django.urls import reverse

from declaration import services as declaration_services
from diagnosis import services as diagnosis_services
from presenters.models import Status, TalkRequest
from tests import personas
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory
from tests.helpers import (
    KEPT_PAGE_QUERIES,
    KEPT_SHELL_QUERIES,
    SHELL_QUERIES,
    forget_kept_pages,
    in_language,
    presenter_for,
    theme_passed,
)

POLICY = {
    "title": "情報セキュリティ基本方針",
    "preamble": "当社は情報を守ります。",
    "sections": [{"heading": "体制", "body": "責任者を置きます。"}],
    "closing": "以上",
}


def page(client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return response.content.decode()


def next_step(body: str) -> str:
    """The text of the highlighted next step."""
    match = re.search(r'data-testid="next-step">(.*?)</div>', body, re.S)
    assert match, "no next step on the page"
    return match.group(1)


def task(body: str, key: str) -> str:
    """One task of the list, from its row to the next row (or the end of the list)."""
    match = re.search(rf'data-testid="task-{key}">(.*?)(?:data-testid="task-|</ol>\s*</section>)', body, re.S)
    assert match, f"no task {key}"
    return match.group(1)


def header(body: str) -> str:
    return body[body.index("<header") : body.index("</header>")]


def publish_policy(organisation, user):
    declaration_services.policy_save(organisation=organisation, user=user, **POLICY)
    from declaration.selectors import organisation_policy

    return declaration_services.policy_publish(policy=organisation_policy(organisation), publish=True)


def talk_request(presenter, n: int) -> TalkRequest:
    return TalkRequest.objects.create(
        presenter=presenter,
        organisation_name=f"商工会{n}",
        requester_name="担当者",
        requester_email=f"req{n}@example.jp",
        date_wish="6月",
        place="名古屋",
        audience="経営者20人",
        topic=f"フィッシング対策{n}",
    )


# --- Landing after login -------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_login_lands_on_my_page(client, admin):
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == reverse("dashboard")


def test_login_still_follows_next(client, admin):
    response = client.post(
        reverse("account_login") + "?next=/diagnosis/history/", {"login": admin.email, "password": PASSWORD}
    )
    assert response["Location"] == "/diagnosis/history/"


def test_public_home_offers_my_page_only_when_signed_in(client, admin):
    assert 'data-testid="home-dashboard-link"' not in client.get(reverse("home")).content.decode()
    client.force_login(admin)
    body = client.get(reverse("home")).content.decode()
    assert 'data-testid="home-dashboard-link"' in body and "マイページへ" in body
    assert "あなたの立場から、はじめの一歩を" in body  # the public home stays what it is


# --- An organisation's admin: the task list ------------------------------------------------


def test_a_new_admin_starts_with_the_self_diagnosis(client_for, admin, questionnaire, themes):
    body = page(client_for(admin))
    assert 'data-testid="home-admin"' in body
    assert "セキュリティ健康診断を受ける" in next_step(body) and "診断をはじめる（約5分）" in next_step(body)
    for key in ("diagnosis", "declaration", "policy", "two_star", "learning"):
        assert "未着手" in task(body, key)
    assert "5件中0件が完了しています。" in body


def test_a_draft_is_continued_not_started(client_for, admin, organisation, questionnaire, themes):
    diagnosis_services.assessment_save_draft(
        questionnaire=questionnaire, organisation=organisation, user=admin, answers={"1": "yes"}
    )
    body = page(client_for(admin))
    assert "続きから回答する" in next_step(body)
    assert "途中" in task(body, "diagnosis")


def test_after_the_diagnosis_the_declaration_is_next(client_for, admin, organisation, complete, themes):
    complete(organisation, "yes", user=admin, q3="no", q7="unknown", q20="partly", q21="partly")
    body = page(client_for(admin))
    diagnosis = task(body, "diagnosis")
    assert "完了" in diagnosis
    assert "最新の結果：" in diagnosis and "100点満点" in diagnosis
    weakest = re.findall(r"<li>(\d+)\. ", diagnosis)
    assert weakest == ["7", "3", "20"]  # わからない (−1), then 未実施 (0), then the first 一部実施
    assert "SECURITY ACTION を宣言する" in next_step(body)
    # ★★ names what it still needs: the result is there, the policy is not.
    two_star = task(body, "two_star")
    assert "公開した情報セキュリティ基本方針" in two_star
    assert "12か月以内の自社診断の結果" not in two_star


def test_after_declaring_the_policy_is_next(client_for, admin, organisation, complete, declare, themes):
    complete(organisation, user=admin)
    declaration = declare(organisation)
    body = page(client_for(admin))
    assert declaration.declaration_id in task(body, "declaration")
    assert "情報セキュリティ基本方針を公開する" in next_step(body)


def test_with_a_published_policy_two_stars_is_next(
    client_for, admin, organisation, complete, declare, themes
):
    complete(organisation, user=admin)
    declare(organisation)
    publish_policy(organisation, admin)
    body = page(client_for(admin))
    assert "完了" in task(body, "policy")
    step = next_step(body)
    assert "二つ星（★★）にする" in step and reverse("declaration:upgrade") in step
    assert "二つ星に必要なものはそろっています。" in task(body, "two_star")


def test_a_two_star_declaration_leaves_the_team_learning(
    client_for, admin, member, organisation, complete, declare, themes
):
    complete(organisation, user=admin)
    publish_policy(organisation, admin)
    declare(organisation, stars=2, use_portal_policy=True, policy_url="")
    theme_passed(member, themes[0])
    body = page(client_for(admin))
    assert "完了" in task(body, "two_star")
    assert "メンバーがミニ講座で学ぶ" in next_step(body)
    assert "合格者：メンバー2人中1人（合格したテーマはのべ1件）" in task(body, "learning")


def test_a_suspended_declaration_comes_first(
    client_for, admin, reviewer, organisation, complete, declare, themes
):
    complete(organisation, user=admin)
    declaration = declare(organisation)
    declaration_services.declaration_suspend(
        declaration=declaration, reviewer=reviewer, reason="連絡がつきません"
    )
    body = page(client_for(admin))
    assert "停止の理由と対応を見る" in next_step(body)
    assert "停止中" in task(body, "declaration")


def test_a_two_star_request_waiting_for_review_is_not_the_next_step(
    client_for, admin, organisation, complete, declare, settings, themes
):
    settings.DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS = True
    complete(organisation, user=admin)
    publish_policy(organisation, admin)
    declare(organisation, stars=2, use_portal_policy=True, policy_url="")
    body = page(client_for(admin))
    assert "運営者の確認待ちです" in task(body, "two_star")
    assert "二つ星（★★）にする" not in next_step(body)


# --- A member, a presenter, a reviewer, someone new ----------------------------------------


def test_a_member_sees_their_learning_and_the_declaration(client_for, member, organisation, declare, themes):
    declaration = declare(organisation)
    body = page(client_for(member))
    assert 'data-testid="home-admin"' not in body
    assert body.index('data-testid="home-learning"') < body.index('data-testid="home-member"')
    assert "0 / 25 テーマ合格" in body
    assert "はじめる：1. " in body and "続きから" not in body
    assert declaration.declaration_id in body


def test_a_member_who_started_continues(client_for, member, themes):
    theme_passed(member, themes[0])
    body = page(client_for(member))
    assert "1 / 25 テーマ合格" in body
    assert "続きから：2. " in body and "はじめる：" not in body


def test_a_member_of_an_organisation_without_a_declaration(client_for, member, themes):
    assert "この組織はまだ宣言していません。" in page(client_for(member))


def test_a_presenter_sees_their_profile_and_requests(client_for, themes):
    user = UserFactory()
    presenter = presenter_for(user)
    for n in range(4):
        talk_request(presenter, n)
    body = page(client_for(user))
    assert "登録の状態：承認（公開）" in body
    assert presenter.get_absolute_url() in body  # the public profile
    assert "講演依頼（4件）" in body
    assert body.count("フィッシング対策") == 3  # the latest three
    assert 'data-testid="home-start"' not in body


def test_a_pending_presenter_is_told_to_wait(client_for, themes):
    user = UserFactory()
    presenter = presenter_for(user, status=Status.PENDING)
    body = page(client_for(user))
    assert "運営者が申請を確認しています。" in body
    assert presenter.get_absolute_url() not in body


def test_a_reviewer_sees_the_queue_counts_first(client_for, reviewer, organisation, declare, themes):
    declare(organisation)
    presenter_for(UserFactory(), status=Status.PENDING)
    MembershipFactory(user=reviewer, organisation=OrganisationFactory(), role="member")
    body = page(client_for(reviewer))
    assert body.index('data-testid="home-reviewer"') < body.index('data-testid="home-member"')
    assert re.search(r"自己宣言：確認待ち</a>\s*<span[^>]*>1<", body)
    assert re.search(r"プレゼンター：申請</a>\s*<span[^>]*>1<", body)
    assert reverse("review:index") in body


def test_a_content_editor_gets_no_console(client_for, themes):
    editor = personas.content_editor()
    body = page(client_for(editor))
    assert 'data-testid="home-reviewer"' not in body
    assert 'data-testid="header-console"' not in body


def test_someone_new_is_shown_how_to_begin(client_for, themes):
    body = page(client_for(UserFactory()))
    assert 'data-testid="home-start"' in body
    assert reverse("organisations:new") in body
    assert "はじめる：1. " in body


# --- The header ---------------------------------------------------------------------------


def test_the_header_links_my_page_and_the_console_for_reviewers(client_for, reviewer, admin, themes):
    body = client_for(admin).get(reverse("home")).content.decode()
    assert 'data-testid="header-dashboard"' in body
    assert 'data-testid="header-console"' not in body
    body = client_for(reviewer).get(reverse("home")).content.decode()
    assert 'data-testid="header-console"' in body


def test_register_an_organisation_is_offered_to_people_who_may(client_for, admin):
    assert reverse("organisations:new") in header(
        client_for(UserFactory()).get(reverse("home")).content.decode()
    )
    # An admin finds it in the organisation menu.
    assert reverse("organisations:new") in header(client_for(admin).get(reverse("home")).content.decode())


def test_staff_are_not_offered_to_register_an_organisation_and_may_not(client_for, reviewer):
    client = client_for(reviewer)
    assert reverse("organisations:new") not in header(client.get(reverse("home")).content.decode())
    assert reverse("organisations:new") not in header(client.get(reverse("dashboard")).content.decode())
    assert client.get(reverse("organisations:new")).status_code == 403


def test_nobody_anonymous_sees_the_personal_links(client, db):
    body = header(client.get(reverse("home")).content.decode())
    assert 'data-testid="header-dashboard"' not in body
    assert reverse("organisations:new") not in body


# --- English ------------------------------------------------------------------------------


def test_my_page_in_english(client_for, member, themes):
    theme_passed(member, themes[0])
    body = in_language(client_for(member), "en").get(reverse("dashboard")).content.decode()
    assert '<html lang="en"' in body
    assert "Learning progress and certificates of completion" in body
    assert "Continue: 2. " in body


def test_the_reviewer_header_in_english(client_for, reviewer, themes):
    body = in_language(client_for(reviewer), "en").get(reverse("dashboard")).content.decode()
    assert "Review console" in body


# --- Query counts: constant whatever the numbers ------------------------------------------


@pytest.mark.parametrize("n", [1, 6])
def test_admin_page_is_constant(
    client_for, admin, organisation, complete, declare, themes, n, django_assert_num_queries
):
    for i in range(n):
        user = UserFactory()
        MembershipFactory(user=user, organisation=organisation)
        theme_passed(user, themes[i])
        complete(organisation, user=admin)
    declare(organisation)
    publish_policy(organisation, admin)
    client = client_for(admin)
    page(client)  # warm the per-process caches of texts
    forget_kept_pages()
    # presenter, latest result, draft, declaration, policy, team (members, passes, themes),
    # own learning (themes, progress)
    with django_assert_num_queries(KEPT_SHELL_QUERIES + 10):
        page(client)
    with django_assert_num_queries(KEPT_PAGE_QUERIES):
        page(client)


@pytest.mark.parametrize("n", [1, 6])
def test_member_page_is_constant(
    client_for, member, organisation, declare, themes, n, django_assert_num_queries
):
    declare(organisation)
    for i in range(n):
        theme_passed(member, themes[i])
    client = client_for(member)
    # declaration, presenter, themes, progress
    with django_assert_num_queries(SHELL_QUERIES + 4):
        page(client)


@pytest.mark.parametrize("n", [1, 6])
def test_presenter_page_is_constant(client_for, themes, n, django_assert_num_queries):
    user = UserFactory()
    presenter = presenter_for(user)
    for i in range(n):
        talk_request(presenter, i)
    client = client_for(user)
    # presenter with its request count, its latest requests, themes, progress
    with django_assert_num_queries(SHELL_QUERIES + 4):
        page(client)


@pytest.mark.parametrize("n", [1, 6])
def test_reviewer_page_is_constant(client_for, reviewer, themes, n, django_assert_num_queries):
    for _ in range(n):
        organisation = OrganisationFactory()
        admin = personas.organisation_admin(organisation, email=f"a{organisation.pk}@example.jp")
        declaration_services.declaration_submit(
            organisation=organisation,
            user=admin,
            stars=1,
            contact={
                "contact_name": "佐藤 花子",
                "contact_department": "",
                "contact_email": "s@example.jp",
                "contact_phone": "0312345678",
            },
            purpose="subsidy",
        )
        presenter_for(UserFactory(), status=Status.PENDING)
    client = client_for(reviewer)
    # permissions (user, groups), three queue counts, presenter, themes, progress; the account
    # is kept since the staff session's first request
    with django_assert_num_queries(KEPT_SHELL_QUERIES + 8):
        page(client)
