"""The blank paper form of the self-check: the current questionnaire's items, grouped by part,
with the four answers to tick, the scoring rule and the way back to the web."""

import io
import re
import subprocess

from django.urls import reverse
from pypdf import PdfReader

from diagnosis.models import Item
from tests.helpers import in_language


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_form_lists_every_item_with_the_four_answers_and_the_scoring(client, questionnaire):
    response = client.get(reverse("diagnosis:checklist"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    text = flat(text_of(response.content))
    assert "セキュリティ健康診断（25項目）記入用紙" in text
    items = Item.objects.filter(questionnaire=questionnaire).select_related("part")
    assert items.count() == 25
    for item in items:
        assert flat(item.topic) in text, item.number
    for part in questionnaire.parts.all():
        assert flat(part.title) in text
    for label in ["実施している", "一部実施している", "実施していない", "わからない"]:
        assert label in text
    assert "-1点" in text and "100点満点" in text
    assert "記入したら、Webの健康診断に入力すると結果と助言が見られます" in text
    assert "http://testserver/diagnosis/take/" in text


def test_the_form_in_english(client, questionnaire):
    text = flat(text_of(in_language(client, "en").get(reverse("diagnosis:checklist")).content))
    # The questionnaire's own texts; the form's headings follow the English catalogue.
    for item in Item.objects.filter(questionnaire=questionnaire):
        assert flat(item.topic_en) in text, item.number
        assert flat(item.topic_ja) not in text, item.number


def test_the_form_embeds_the_japanese_font(client, questionnaire, tmp_path):
    pdf = tmp_path / "checklist.pdf"
    pdf.write_bytes(client.get(reverse("diagnosis:checklist")).content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"IPAexGothic\s+CID TrueType\s+Identity-H\s+yes", fonts)


def test_the_form_reads_a_constant_number_of_rows(client, questionnaire, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # the questionnaire and its items, options, bands
        assert client.get(reverse("diagnosis:checklist")).status_code == 200
