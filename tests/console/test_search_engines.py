"""/robots.txt and the sitemap: the public pages in both languages with hreflang; the registry's
verification pages out of search engines unless the operator turns REGISTRY_INDEXING on."""

import pytest
from django.urls import reverse

NOINDEX = '<meta name="robots" content="noindex">'


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_accounts(client, db):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ["/accounts/", "/en/accounts/", "/review/", "/admin/"]:
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /registry/" not in text  # crawlers must read the page to see its noindex
    assert client.get("/en/robots.txt").status_code == 404


def test_the_sitemap_lists_public_pages_in_both_languages(client, db):
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-pages.xml" in index
    assert "sitemap-registry.xml" not in index
    pages = client.get("/sitemap-pages.xml").content.decode()
    for path in ["/", "/diagnosis/take/", "/learning/3/", "/glossary/", "/registry/"]:
        assert f"<loc>http://testserver{path}</loc>" in pages
        assert f"<loc>http://testserver/en{path}</loc>" in pages
    assert '<xhtml:link rel="alternate" hreflang="en" href="http://testserver/en/help/"/>' in pages
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="http://testserver/help/"/>' in pages
    assert "/accounts/" not in pages and "/review/" not in pages


def test_the_sitemap_costs_no_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/sitemap-pages.xml")


class TestTheRegistry:
    def test_verification_pages_are_not_indexed_by_default(self, client, organisation, declare):
        declaration = declare(organisation)
        page = client.get(reverse("registry:verify", args=[declaration.declaration_id])).content.decode()
        assert NOINDEX in page
        assert client.get("/sitemap-registry.xml").status_code == 404
        assert NOINDEX not in client.get(reverse("registry:search")).content.decode()

    def test_the_operator_may_let_them_be_indexed(self, client, organisation, declare, settings):
        settings.REGISTRY_INDEXING = True
        declaration = declare(organisation)
        url = reverse("registry:verify", args=[declaration.declaration_id])
        assert NOINDEX not in client.get(url).content.decode()
        assert "sitemap-registry.xml" in client.get("/sitemap.xml").content.decode()
        registry = client.get("/sitemap-registry.xml").content.decode()
        assert f"<loc>http://testserver{url}</loc>" in registry
        assert f"<loc>http://testserver/en{url}</loc>" in registry

    def test_a_registry_page_of_the_sitemap_costs_the_same_whatever_the_size(
        self, client, organisation, declare, settings, django_assert_max_num_queries
    ):
        settings.REGISTRY_INDEXING = True
        declare(organisation)
        with django_assert_max_num_queries(2):  # the count for paging and one page of rows
            client.get("/sitemap-registry.xml")


@pytest.mark.parametrize("language", ["", "/en"])
def test_certificates_and_shared_results_are_never_indexed(client, member, themes, language):
    from tests.helpers import theme_passed

    certificate = theme_passed(member, themes[0])
    assert NOINDEX in client.get(f"{language}{certificate.get_absolute_url()}").content.decode()
