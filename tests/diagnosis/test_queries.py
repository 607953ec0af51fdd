"""The result page reads a constant amount of data, whatever the number of organisations."""

import pytest
from django.urls import reverse

from diagnosis.bulk import bulk_load_results
from tests.helpers import KEPT_SHELL_QUERIES, SHELL_QUERIES, forget_kept_pages

# shell (my organisations are also the access check) + assessment + items + options + bands
# (the questionnaire's texts, cached after the first page) + peer groups + trend + share links
# + the declaration (the current one, else the latest, in one query) and the policy: an admin's
# recent result offers the next declaration
RESULT_PAGE = SHELL_QUERIES + 9


@pytest.mark.parametrize("others", [20, 2000])
def test_result_page_queries_do_not_grow_with_organisations(
    client_for, questionnaire, complete, organisation, admin, others, django_assert_num_queries
):
    bulk_load_results(questionnaire=questionnaire, organisations=others, seed=others)
    complete(organisation, "partly")
    assessment = complete(organisation, "yes", q2="no")
    client = client_for(admin)
    with django_assert_num_queries(RESULT_PAGE):
        response = client.get(assessment.get_absolute_url())
    assert response.context["report"].peers[0].summary.count == others + 1


@pytest.mark.parametrize("results", [2, 30])
def test_history_page_is_constant(
    client_for, complete, organisation, member, results, django_assert_num_queries
):
    for _ in range(results):
        complete(organisation, "partly")
    client = client_for(member)
    # shell + page count + page rows + draft + trend chart
    with django_assert_num_queries(SHELL_QUERIES + 4):
        client.get(reverse("diagnosis:history"))


def test_take_page(client_for, questionnaire, organisation, member, django_assert_num_queries):
    client = client_for(member)
    # shell + questionnaire + items + options + bands + draft
    with django_assert_num_queries(SHELL_QUERIES + 5):
        client.get("/diagnosis/take/")


def test_shared_page_and_pdf(client, complete, organisation, admin, django_assert_num_queries):
    from diagnosis import services

    link = services.share_link_create(assessment=complete(organisation), user=admin, expires_on=None)
    # session-less visitor: link + items + options + bands + peer groups
    with django_assert_num_queries(5):
        client.get(link.get_absolute_url())


def test_a_result_seen_again_comes_from_the_cache(
    client_for, complete, organisation, admin, django_assert_num_queries
):
    assessment = complete(organisation, "yes", q2="no")
    client = client_for(admin)
    first = client.get(assessment.get_absolute_url()).content.decode()
    forget_kept_pages()  # the whole page is kept for its person too: measure the page's own work
    # the assessment (access check) + share links + the offer of the next declaration (the
    # declaration's level and state, whether the policy is published): no texts, peers or trend,
    # and no shell (the account is kept since the first visit)
    with django_assert_num_queries(KEPT_SHELL_QUERIES + 4):
        again = client.get(assessment.get_absolute_url()).content.decode()
    marker = 'id="advice-2"'
    assert marker in first and marker in again
    assert again.count("<svg") == first.count("<svg")
