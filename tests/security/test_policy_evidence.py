"""Finding 12: the evidence behind ★★ cannot drift. The basic policy a ★★ declaration rests
on cannot be unpublished (404 behind an active ★★), and edits to a published policy are
drafts until they are published again."""

import pytest
from django.urls import reverse

from declaration import services
from declaration.models import Stars, Status

ORIGINAL = "当社は、情報資産を守るため、全従業員で対策に取り組みます。"
EDITED = "当社は、情報セキュリティに一切責任を負いません。"


def save_policy(organisation, user, preamble: str):
    return services.policy_save(
        organisation=organisation,
        user=user,
        title="情報セキュリティ基本方針",
        preamble=preamble,
        sections=[{"heading": "経営者の責任", "body": "経営者が主導します。"}],
        closing="2026年4月1日 株式会社さくら精機 代表取締役",
    )


@pytest.fixture
def policy(organisation, admin):
    save_policy(organisation, admin, ORIGINAL)
    return services.policy_publish(policy=organisation.policies.get(), publish=True)


@pytest.fixture
def two_stars(declare, complete, organisation, admin, policy):
    complete(organisation, "yes", user=admin)
    declaration = declare(organisation, stars=Stars.TWO, use_portal_policy=True)
    assert declaration.policy_id == policy.pk
    return declaration


def test_the_policy_behind_an_active_two_star_declaration_cannot_be_unpublished(
    client_for, client, admin, policy, two_stars
):
    owner = client_for(admin)
    response = owner.post(reverse("policies:publish"), {"publish": "0"}, follow=True)
    body = response.content.decode()
    assert "公開を停止できません" in body and "取り下げ" in body  # says why, and what to do
    policy.refresh_from_db()
    assert policy.is_published
    client.logout()
    assert client.get(policy.get_absolute_url()).status_code == 200
    assert client.get(reverse("policies:pdf", args=[policy.slug])).status_code == 200

    # The honest way out: withdraw the ★★ first, then unpublish.
    services.declaration_withdraw(declaration=two_stars, user=admin)
    client_for(admin).post(reverse("policies:publish"), {"publish": "0"})
    policy.refresh_from_db()
    assert not policy.is_published


@pytest.mark.parametrize("status", [Status.PENDING, Status.SUSPENDED])
def test_a_pending_or_suspended_two_star_declaration_also_holds_the_policy(
    client_for, admin, policy, two_stars, status
):
    type(two_stars).objects.filter(pk=two_stars.pk).update(status=status)
    client_for(admin).post(reverse("policies:publish"), {"publish": "0"})
    policy.refresh_from_db()
    assert policy.is_published


def test_edits_to_a_published_policy_are_drafts_until_published_again(
    client_for, client, organisation, admin, policy
):
    save_policy(organisation, admin, EDITED)
    public = client.get(policy.get_absolute_url()).content.decode()
    assert ORIGINAL in public and EDITED not in public  # the published version stays public
    builder = client_for(admin).get(reverse("policies:edit")).content.decode()
    assert "下書き" in builder and "この版を公開する" in builder

    client_for(admin).post(reverse("policies:publish"), {"publish": "1"})
    client.logout()
    public = client.get(policy.get_absolute_url()).content.decode()
    assert EDITED in public and ORIGINAL not in public


def test_the_public_policy_page_reads_one_row(client, policy, django_assert_num_queries):
    with django_assert_num_queries(1):  # the policy with its organisation and published version
        assert client.get(policy.get_absolute_url()).status_code == 200
