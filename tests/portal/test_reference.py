"""The glossary and the help page: both languages, every term reachable by its anchor, the facts
the help page promises, and the filter that links glossary terms from the lessons."""

import re
import tomllib

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from portal import documents, reference
from portal.lib.languages import language_path
from portal.templatetags.glossary import glossary_links
from tests.helpers import in_language

LANGUAGES = ["ja", "en"]


def file_of(name, language):
    with reference.path_of(name, language).open("rb") as f:
        return tomllib.load(f)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_shows_every_term_with_its_slug_as_anchor(client, db, language):
    response = in_language(client, language).get(reverse("glossary"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    for term in file_of("glossary", language)["terms"]:
        assert f'<dt id="{term["slug"]}">' in html, term["slug"]
    assert f'href="{language_path("/help/", language)}"' in html  # in the page's language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_index_jumps_to_every_group(client, db, language):
    html = in_language(client, language).get(reverse("glossary")).content.decode()
    anchors = re.findall(r'<h2 id="(index-\d+)"', html)
    assert anchors
    assert all(f'href="#{anchor}"' in html for anchor in anchors)


def test_the_glossary_has_at_least_40_terms_and_the_same_slugs_in_both_languages():
    japanese = [term["slug"] for term in file_of("glossary", "ja")["terms"]]
    english = [term["slug"] for term in file_of("glossary", "en")["terms"]]
    assert len(japanese) >= 40
    assert japanese == english
    assert len(set(japanese)) == len(japanese)


def test_japanese_terms_are_filed_under_their_kana_row_and_latin_ones_first():
    with translation.override("ja"):
        groups = {group.label: [term.slug for term in group.terms] for group in reference.glossary_groups()}
    assert next(iter(groups)) == reference.LATIN
    assert "vpn" in groups[reference.LATIN]
    assert "vulnerability" in groups["さ"]  # ぜいじゃくせい: voiced kana sort with their row
    assert "backup" in groups["は"]  # ばっくあっぷ


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_help_page_gives_the_facts_and_links_the_contact_chart(client, db, language):
    response = in_language(client, language).get(reverse("help"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "#9110" in html and "110" in html
    assert "03-6457-9849" in html  # the Personal Information Protection Commission's advice line
    deadlines = ["3〜5日", "30日", "60日"] if language == "ja" else ["3 to 5 days", "30 days", "60 days"]
    assert all(deadline in html for deadline in deadlines)
    assert f'href="{reverse("document_docx", args=["contact-chart"])}"' in html
    assert f'href="{reverse("document_pdf", args=["contact-chart"])}"' in html
    for section in file_of("help", language)["sections"]:
        assert f'<h2 id="{section["slug"]}">' in html
        for link in section.get("links", []):
            assert f'href="{link["url"]}"' in html


def test_every_external_link_on_the_help_page_says_where_it_goes(client, db):
    html = client.get(reverse("help")).content.decode()
    for url in re.findall(r'href="(https://[^"]+)"', html):
        host = re.match(r"https://(?:www\.)?([^/]+)", url).group(1)
        assert f"外部サイト：{host}" in html


def test_the_help_page_links_only_documents_that_exist():
    for section in file_of("help", "ja")["sections"]:
        assert set(section.get("documents", [])) <= set(documents.SLUGS)


def test_both_pages_read_at_most_two_rows_for_a_visitor(client, db, django_assert_max_num_queries):
    for name in ["glossary", "help"]:
        client.get(reverse(name))
        with django_assert_max_num_queries(2):
            assert client.get(reverse(name)).status_code == 200


def test_the_filter_links_the_first_occurrence_of_each_term_only():
    html = glossary_links("フィッシングに注意します。\n\nフィッシングは、メールだけではありません。")
    assert html.count('href="/glossary/#phishing"') == 1
    assert html.startswith('<p><a class="glossary-link" href="/glossary/#phishing">フィッシング</a>に注意')
    assert html.endswith("<p>フィッシングは、メールだけではありません。</p>")


def test_the_filter_prefers_the_longest_term_and_links_aliases():
    html = glossary_links("サプライチェーン攻撃と、サプライチェーンの弱点。ビジネスメール詐欺も。")
    assert '<a class="glossary-link" href="/glossary/#supply-chain-attack">サプライチェーン攻撃</a>' in html
    assert html.count("#supply-chain-attack") == 1  # the shorter alias names the same term
    assert '<a class="glossary-link" href="/glossary/#bec">ビジネスメール詐欺</a>' in html
    html = glossary_links("ウイルス対策ソフトがあっても、ウイルスは入ります。")
    assert "#antivirus-software" in html and "#virus" in html


def test_the_filter_keeps_latin_terms_whole():
    html = glossary_links("iOSとmacOSとOSの更新。")
    assert html.count("glossary-link") == 1
    assert '<a class="glossary-link" href="/glossary/#os">OS</a>の更新' in html


def test_the_filter_escapes_the_text_and_never_nests_links():
    html = glossary_links('<script>alert("フィッシング")</script>\n<a href="/x">VPN</a>')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;a href=&quot;/x&quot;&gt;" in html
    assert '<a class="glossary-link" href="/glossary/#vpn">VPN</a>&lt;/a&gt;' in html
    assert "<br>" in html  # a single newline is a line break, as with |linebreaks


def test_the_filter_works_in_english_whatever_the_case_and_ending():
    with translation.override("en"):
        html = glossary_links("Passkeys resist phishing. Use a passkey and MFA. Encrypted disks.")
    assert '<a class="glossary-link" href="/en/glossary/#passkey">Passkeys</a>' in html
    assert html.count("#passkey") == 1
    assert '<a class="glossary-link" href="/en/glossary/#mfa">MFA</a>' in html
    assert '<a class="glossary-link" href="/en/glossary/#encryption">Encrypted</a>' in html


def test_the_filter_in_a_template_renders_the_lessons_text():
    rendered = Template("{% load glossary %}{{ text|glossary_links }}").render(
        Context({"text": "ランサムウェアに備えて、3-2-1ルールでバックアップを取ります。"})
    )
    assert rendered.count("glossary-link") == 3
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
