"""The self-diagnosis PDF report (issue 16): kept in storage like certificates, no row split
across pages, figures aligned, English in a Latin font with en-dash ranges."""

import subprocess

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from diagnosis.services import report_pdf_keep_in
from portal.lib import pdf as pdf_lib


@pytest.fixture
def renders(monkeypatch):
    """The HTML of every PDF WeasyPrint was asked to make (a stand-in makes the bytes)."""
    seen: list[str] = []

    def fake(html: str) -> bytes:
        seen.append(html)
        return b"%PDF-1.7 " + str(len(seen)).encode()

    monkeypatch.setattr(pdf_lib, "html_to_pdf", fake)
    return seen


@pytest.fixture
def english(client_for, admin):
    client = client_for(admin)
    client.cookies["django_language"] = "en"
    return client


def _get(client, url):
    return client.get(url, follow=True)  # English may live under /en/


def test_a_report_is_made_once_and_then_read_from_storage(client_for, admin, organisation, complete, renders):
    assessment = complete(organisation, "yes", q1="no")
    client = client_for(admin)
    url = reverse("diagnosis:report_pdf", args=[assessment.uuid])
    first = client.get(url)
    second = client.get(url)
    assert len(renders) == 1
    assert first.content == second.content and second["Content-Type"] == "application/pdf"
    folder = f"generated/{report_pdf_keep_in(assessment.uuid)}"
    assert [name.startswith("ja-") for name in default_storage.listdir(folder)[1]] == [True]


def test_a_change_in_the_report_makes_a_new_one_and_replaces_the_old(
    client_for, admin, organisation, complete, renders
):
    assessment = complete(organisation, "yes", q1="no")
    client = client_for(admin)
    url = reverse("diagnosis:report_pdf", args=[assessment.uuid])
    client.get(url)
    organisation.name = "株式会社さくら精機ホールディングス"
    organisation.save()
    changed = client.get(url)
    assert len(renders) == 2 and changed.content.endswith(b"2")  # never the stale copy
    folder = f"generated/{report_pdf_keep_in(assessment.uuid)}"
    assert len(default_storage.listdir(folder)[1]) == 1


def test_each_language_and_the_shared_report_are_kept_apart(client_for, admin, organisation, complete, renders):
    from diagnosis import services

    assessment = complete(organisation, "yes")
    link = services.share_link_create(assessment=assessment, user=admin, expires_on=None)
    client = client_for(admin)
    url = reverse("diagnosis:report_pdf", args=[assessment.uuid])
    shared = reverse("diagnosis:shared_pdf", args=[link.token])
    for _twice in range(2):
        client.get(url)
        client.get(shared)
    client.cookies["django_language"] = "en"
    for _twice in range(2):
        _get(client, url)
    assert len(renders) == 3  # the members' report, the shared one, the members' in English
    assert ['lang="en"' in html for html in renders] == [False, False, True]


def test_rows_never_split_and_figures_line_up(client_for, admin, organisation, complete, renders):
    assessment = complete(organisation, "yes")
    client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
    html = renders[0]
    assert "tr { break-inside: avoid; }" in html
    assert "thead { display: table-header-group; }" in html  # a continued table repeats its header
    assert "font-variant-numeric: tabular-nums" in html and "text-align: right" in html
    assert '<td class="num">4</td>' in html


def test_english_uses_a_latin_font_first_and_en_dashes(
    organisation, complete, renders, english, monkeypatch
):
    monkeypatch.setattr("diagnosis.scoring.MIN_PEER_GROUP", 1)  # one result is enough for a distribution
    assessment = complete(organisation, "partly", q1="no")
    _get(english, reverse("diagnosis:report_pdf", args=[assessment.uuid]))
    html = renders[0]
    assert 'font-family: "Liberation Sans", "DejaVu Sans", "IPAexGothic"' in html
    assert ">40–49<" in html and "〜" not in html


def test_japanese_keeps_its_wave_dash_and_font(client_for, admin, organisation, complete, renders, monkeypatch):
    monkeypatch.setattr("diagnosis.scoring.MIN_PEER_GROUP", 1)
    assessment = complete(organisation, "partly", q1="no")
    client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
    assert ">40〜49<" in renders[0] and "Liberation Sans" not in renders[0]


def test_the_english_pdf_itself(organisation, complete, english, monkeypatch, tmp_path):
    """Rendered for real: the quotes come from Liberation Sans, ranges read with an en dash."""
    monkeypatch.setattr("diagnosis.scoring.MIN_PEER_GROUP", 1)
    assessment = complete(organisation, "yes", q1="no")  # 96: "Mostly in place", which quotes answers
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_get(english, reverse("diagnosis:report_pdf", args=[assessment.uuid])).content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Liberation-Sans" in fonts and "IPAexGothic" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "90–99" in text and "〜" not in text
    assert "“Not done”" in text


def test_the_result_page_says_the_pdf_takes_a_moment(client_for, admin, organisation, complete):
    assessment = complete(organisation, "yes")
    page = client_for(admin).get(assessment.get_absolute_url()).content.decode()
    assert 'data-pdf-progress="PDFを作成中…"' in page
    assert "作成に数秒かかることがあります" in page


def test_a_deleted_result_takes_its_kept_reports_with_it(
    client_for, admin, organisation, complete, renders, django_capture_on_commit_callbacks
):
    from diagnosis import services

    assessment = complete(organisation, "yes")
    client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
    folder = f"generated/{report_pdf_keep_in(assessment.uuid)}"
    assert default_storage.listdir(folder)[1]
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_delete(assessment=assessment)
    assert default_storage.listdir(folder)[1] == []
