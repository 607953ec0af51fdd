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
    assert rows == [["都道府県", "自己宣言の数"], ["東京都", "1"]]  # in the reader's language
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


def test_every_column_the_services_name_has_words(db):
    for name, compute in statistics.SECTIONS.items():
        header, _rows = compute()
        assert set(header) <= set(statistics.COLUMNS), name


def test_size_bands_from_the_smallest_up(monkeypatch):
    from portal.lib.size_bands import SizeBand

    labels = [str(label) for _value, label in SizeBand.choices]
    alphabetical = sorted(labels)  # "1〜5人", "101〜300人", "21〜50人", … as the codes sort
    assert alphabetical != labels
    monkeypatch.setitem(
        statistics.SECTIONS,
        "diagnosis_by_size",
        lambda: (["size", "organisations", "average score"], [(label, 1, 50.0) for label in alphabetical]),
    )
    header, rows = statistics.section("diagnosis_by_size")
    assert [row[0] for row in rows] == labels
    assert header == ["規模（従業員数）", "組織数", "平均点"]


def test_the_page_in_english_names_everything_in_english(client_for, statistician, organisation, declare):
    declare(organisation)
    client = client_for(statistician)
    client.get(reverse("review:statistics"))  # the Japanese copy is cached first …
    client.cookies["django_language"] = "en"
    body = client.get(reverse("review:statistics"), follow=True).content.decode()
    assert "Tokyo" in body and "東京都" not in body  # … and the English page does not reuse it
    assert "Prefecture" in body


def test_the_monthly_trend_is_a_chart_with_counts_and_averages_beside_it(
    client_for, statistician, organisation, declare, complete
):
    declare(organisation)
    complete(organisation, "partly")
    body = client_for(statistician).get(reverse("review:statistics")).content.decode()
    month = body[body.index('id="declarations_by_month"') :]
    month = month[: month.index("</section>")]
    assert "<svg" in month and "<rect" in month and "月別の自己宣言（有効）" in month
    size = body[body.index('id="diagnosis_by_size"') :]
    size = size[: size.index("</section>")]
    assert "組織数" in size and "平均点" in size and "50.0" in size
    assert "6〜20人 (1)" in size  # the chart's bar: the average, labelled with the count


def test_many_months_keep_their_labels_apart():
    from console.charts import monthly_columns

    months = [(f"{2020 + n // 12}-{n % 12 + 1:02d}", n) for n in range(60)]
    svg = str(monthly_columns(months, title="t", label="n"))
    assert svg.count("<rect") == 61  # 60 columns and the legend
    assert svg.count(">2021<") == 1 and ">02<" not in svg  # January and every third month only
