"""The content on its pages: the item guides, the lessons' sources and documents, the
result's next steps by urgency, and every document a page links downloads."""

import re

from diagnosis.models import ItemGuide
from tests.helpers import form_data, in_language

LINK = re.compile(r'href="(/(?:documents|diagnosis)/[^"]+\.(?:docx|pdf))"')
TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def test_every_item_has_a_guide_page_in_both_languages(client, questionnaire, themes):
    assert ItemGuide.objects.count() == 25
    index = client.get("/diagnosis/items/").content.decode()
    for guide in ItemGuide.objects.all():
        assert guide.get_absolute_url() in index
        page = client.get(guide.get_absolute_url()).content.decode()
        assert guide.why_ja.splitlines()[0][:20] in page
        assert all(mistake[:15] in page for mistake in guide.mistakes_ja)
        assert f'href="/learning/{guide.number}/"' in page
    english_page = in_language(client, "en").get("/diagnosis/items/3/").content.decode()
    assert ItemGuide.objects.get(number=3).why_en.splitlines()[0][:20] in english_page


def test_a_guide_page_reads_a_constant_number_of_rows(client, questionnaire, django_assert_max_num_queries):
    client.get("/diagnosis/items/1/")
    with django_assert_max_num_queries(3):  # the guide and the current item (no session)
        assert client.get("/diagnosis/items/25/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/diagnosis/items/").status_code == 200
    assert client.get("/diagnosis/items/26/").status_code == 404


def test_the_questionnaire_links_each_item_to_its_guide_and_says_how_to_answer_what_does_not_apply(
    client, questionnaire
):
    page = client.get("/diagnosis/take/").content.decode()
    assert all(f'href="/diagnosis/items/{n}/"' in page for n in range(1, 26))
    fax = questionnaire.items.get(number=7)
    assert fax.not_applicable and fax.not_applicable in page


def test_next_steps_put_not_done_and_unknown_before_partly_done(client, questionnaire):
    response = client.post(
        "/diagnosis/take/", form_data("yes", q2="partly", q5="no", q9="unknown", q12="partly")
    )
    html = client.get(response["Location"]).content.decode()
    order = [int(n) for n in re.findall(r'id="advice-(\d+)"', html)]
    assert order == [5, 9, 2, 12]
    assert html.index("まず取り組むこと") < html.index("続いて仕上げること")


def test_a_lesson_names_its_sources_and_links_its_documents(client, themes):
    page = client.get("/learning/13/").content.decode()
    assert "takeout-log.docx" in page and "takeout-log.pdf" in page
    from learning.models import Theme

    theme = Theme.objects.get(number=13)
    assert theme.sources and all(source in page for source in theme.sources)


def test_every_document_a_lesson_or_guide_links_downloads(client, themes, questionnaire):
    pages = [f"/learning/{n}/" for n in range(1, 26)] + [f"/diagnosis/items/{n}/" for n in range(1, 26)]
    links = {}
    for path in pages:
        for link in LINK.findall(client.get(path).content.decode()):
            links.setdefault(link, path)
    assert any(link.endswith(".docx") for link in links)
    assert "/diagnosis/checklist.pdf" in links or any("checklist" in link for link in links)
    for link, found_on in links.items():
        response = client.get(link)
        suffix = link[link.rindex(".") :]
        assert response.status_code == 200, (link, found_on)
        assert response["Content-Type"].startswith(TYPES[suffix]), (link, found_on)
        assert response.content[:4] in (b"%PDF", b"PK\x03\x04"), (link, found_on)
