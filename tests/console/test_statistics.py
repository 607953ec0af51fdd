import csv
import io

import pytest
from django.urls import reverse

from console import statistics
from console.views.statistics import TITLES


@pytest.fixture
def statistician(reviewer):
    """Reviewers see the statistics (portal.roles)."""
    return reviewer


def test_sections_count_from_aggregates_and_grouped_queries(organisation, declare, complete, themes, member):
    declare(organisation)
    complete(organisation, "partly")
    sections = statistics.SECTIONS
    assert sections["declarations_by_prefecture"]()[1] == [("東京都", 1)]
    assert sections["declarations_by_level"]()[1] == [("★ 一つ星", 1)]
    assert sections["declarations_by_purpose"]()[1] == [("補助金の申請", 1)]
    assert sections["diagnosis_by_industry"]()[1] == [("製造業", 1, 50.0)]
    assert sections["diagnosis_by_size"]()[1] == [("6〜20人", 1, 50.0)]
    assert len(sections["learning_by_theme"]()[1]) == 25


def test_every_section_the_services_offer_is_on_the_page():
    assert list(TITLES) == list(statistics.SECTIONS)


def test_page_and_csv_for_staff_with_the_permission(client_for, statistician, organisation, declare):
    declare(organisation)
    client = client_for(statistician)
    body = client.get(reverse("review:statistics")).content.decode()
    assert "都道府県別の自己宣言" in body and "<svg" in body
    response = client.get(
        reverse("review:statistics"), {"section": "declarations_by_prefecture", "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["prefecture", "declarations"], ["東京都", "1"]]
    assert client.get(reverse("review:statistics"), {"section": "nope", "format": "csv"}).status_code == 404


@pytest.mark.parametrize("persona,expected", [("admin", 403), ("member", 403), (None, 302)])
def test_others_cannot_see_statistics(request, client_for, persona, expected):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    assert client.get(reverse("review:statistics")).status_code == expected


@pytest.mark.parametrize("organisations", [2, 30])
def test_statistics_page_queries_do_not_grow(
    client_for, statistician, themes, organisations, admin, django_assert_max_num_queries
):
    from declaration import services
    from tests.factories import MembershipFactory, OrganisationFactory

    for n in range(organisations):
        org = OrganisationFactory(prefecture=f"{n % 47 + 1:02d}")
        MembershipFactory(organisation=org, user=admin, role="admin")
        services.declaration_submit(
            organisation=org,
            user=admin,
            stars=1,
            contact={"contact_name": "x", "contact_email": "x@example.jp", "contact_phone": "0312345678"},
            purpose="other",
        )
    client = client_for(statistician)
    with django_assert_max_num_queries(21):  # 20, and the staff's second factor
        client.get(reverse("review:statistics"))
