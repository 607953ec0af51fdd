"""The 法人番号 register: importing the NTA's files, and the organisation form's look-up in it.

The files under corporate_register/ are in the official CSV・Unicode layout: a 全件 file for
Tokyo as a zip (8 corporations, one closed, one excluded from search) and a 差分 file (a name
change, a closure, a deletion, a row older than the one we hold, two new corporations of which
one is excluded from search, and a past-history row).
"""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.lib import corporate_register
from portal.lib.corporate_number import corporate_number_check_digit
from portal.models import CorporateImport, CorporateRecord
from tests.factories import OrganisationFactory

FILES = Path(__file__).parent / "corporate_register"
FULL = FILES / "13_tokyo_all_20260130.zip"
DIFF = FILES / "diff_20260202.csv"

SAKURA = "6010001000001"  # renamed by the 差分 file
MIDORI = "1010401000002"  # closed by the 差分 file
HIKARI = "2011001000003"  # deleted (99) by the 差分 file
YAMADA_KOGYO = "9011101000004"  # the 差分 file's row for it is older than the 全件 file's
YAMADA_SHOJI = "7011201000005"
YAMADA_UNYU = "5011301000006"  # closed before the 全件 file
YAMADA_GOJOKAI = "1011601000007"  # 検索対象除外
AOBA = "2010501000009"  # new in the 差分 file
YAMADA_KENKYUKAI = "8010601000010"  # new in the 差分 file, 検索対象除外
UNKNOWN = "7000012050002"  # valid, not in the files


def imported(*paths, **options):
    return [corporate_register.import_file(path, **options) for path in paths]


# --- Import -----------------------------------------------------------------------------


def test_a_full_file_in_a_zip_imports_every_row(db):
    (result,) = imported(FULL)
    assert (result.kind, result.read, result.inserted, result.updated, result.skipped) == ("full", 8, 8, 0, 0)
    sakura = CorporateRecord.objects.get(number=SAKURA)
    assert (sakura.name, sakura.furigana, sakura.kind, sakura.prefecture) == (
        "株式会社さくら精機",
        "サクラセイキ",
        "301",
        "13",
    )
    assert (sakura.address, sakura.post_code, sakura.updated_on) == (
        "千代田区丸の内１丁目１－１",
        "1000005",
        date(2025, 11, 1),
    )
    assert CorporateRecord.objects.get(number=YAMADA_GOJOKAI).hidden


def test_a_diff_file_applies_changes_closures_and_deletions(db):
    _full, diff = imported(FULL, DIFF)
    assert (diff.kind, diff.read, diff.inserted, diff.updated, diff.unchanged, diff.skipped) == (
        "diff",
        7,
        2,
        3,
        0,
        2,  # the older row and the past-history row
    )
    assert CorporateRecord.objects.get(number=SAKURA).name == "株式会社さくら精機ホールディングス"
    midori = CorporateRecord.objects.get(number=MIDORI)
    assert (midori.process, midori.closed_on, midori.hidden) == ("21", date(2026, 1, 30), False)
    hikari = CorporateRecord.objects.get(number=HIKARI)  # kept, so that an older file cannot revive it
    assert (hikari.process, hikari.hidden) == ("99", True)
    assert CorporateRecord.objects.get(number=YAMADA_KENKYUKAI).hidden
    assert CorporateRecord.objects.count() == 10


def test_an_older_row_never_overwrites_a_newer_record(db):
    imported(FULL, DIFF)
    assert CorporateRecord.objects.get(number=YAMADA_KOGYO).name == "株式会社山田工業"
    # The 全件 file again, after the 差分 file: its rows are older than the changes.
    (again,) = imported(FULL, restart=True)
    assert (again.inserted, again.updated, again.unchanged, again.skipped) == (0, 0, 5, 3)
    assert CorporateRecord.objects.get(number=SAKURA).name == "株式会社さくら精機ホールディングス"
    assert CorporateRecord.objects.get(number=HIKARI).hidden


def snapshot():
    return list(CorporateRecord.objects.order_by("number").values_list())


def test_importing_the_same_files_twice_changes_nothing(db):
    imported(FULL, DIFF)
    before = snapshot()
    assert [result.already_imported for result in imported(FULL, DIFF)] == [True, True]
    again = imported(FULL, DIFF, restart=True)
    assert [(r.inserted, r.updated) for r in again] == [(0, 0), (0, 0)]
    assert snapshot() == before


def official_rows(count: int, *, updated_on: str = "2026-01-30") -> str:
    """`count` rows in the official layout, numbered from 1."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    for n in range(1, count + 1):
        base = f"{n:012d}"
        row = [""] * 30
        row[0:6] = [str(n), f"{corporate_number_check_digit(base)}{base}", "01", "0", updated_on, updated_on]
        row[6], row[8], row[13], row[10], row[23], row[29] = (
            f"株式会社テスト{n}",
            "301",
            "13",
            "港区",
            "1",
            "0",
        )
        writer.writerow(row)
    return out.getvalue()


def test_an_interrupted_import_resumes_after_its_last_committed_batch(db, tmp_path):
    path = tmp_path / "13_tokyo_all_20260130.csv"
    path.write_text(official_rows(23), encoding="utf-8")
    with pytest.raises(corporate_register.ImportInterrupted):
        corporate_register.import_file(path, batch_size=5, stop_after_batches=2)
    assert CorporateImport.objects.get().rows_done == 10
    assert CorporateRecord.objects.count() == 10

    result = corporate_register.import_file(path, batch_size=5)
    assert (result.resumed_at, result.read, result.inserted) == (10, 13, 13)
    assert CorporateRecord.objects.count() == 23
    progress = CorporateImport.objects.get()
    assert (progress.rows_done, progress.inserted, progress.finished_at is not None) == (23, 23, True)


def test_restart_reads_an_interrupted_file_from_its_first_row(db, tmp_path):
    path = tmp_path / "diff_20260202.csv"
    path.write_text(official_rows(12), encoding="utf-8")
    with pytest.raises(corporate_register.ImportInterrupted):
        corporate_register.import_file(path, batch_size=5, stop_after_batches=1)
    result = corporate_register.import_file(path, batch_size=5, restart=True)
    assert (result.resumed_at, result.read, result.inserted, result.unchanged) == (0, 12, 7, 5)


def test_the_command_prints_a_summary_and_is_quiet_with_v0(db, capsys):
    out = io.StringIO()
    call_command("import_corporate_numbers", str(FULL), str(DIFF), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("13_tokyo_all_20260130.zip (full): 8 rows read, 8 inserted")
    assert "rows/s" in lines[0] and lines[1].startswith("diff_20260202.csv (diff): 7 rows read")
    assert "100%" in capsys.readouterr().err  # the progress bar
    out = io.StringIO()
    call_command("import_corporate_numbers", str(FULL), "--restart", "--diff", verbosity=0, stdout=out)
    assert out.getvalue() == capsys.readouterr().err == ""
    assert CorporateImport.objects.get(file_name=FULL.name).kind == "diff"


# --- Look-up ----------------------------------------------------------------------------


@pytest.fixture
def register(db):
    imported(FULL, DIFF)


def lookup(client, **query):
    return client.get(reverse("organisations:lookup"), query)


def test_the_lookup_needs_a_signed_in_person(client, register):
    response = lookup(client, number=AOBA)
    assert response.status_code == 401
    assert "record" not in response.json()


def test_the_lookup_only_reads(client_for, admin, register):
    response = client_for(admin).post(reverse("organisations:lookup"), {"number": AOBA})
    assert response.status_code == 405


def test_a_number_gives_what_the_form_needs(client_for, admin, register):
    answer = lookup(client_for(admin), number=AOBA).json()
    assert answer["status"] == "found"
    assert answer["record"] == {
        "number": AOBA,
        "name": "株式会社青葉テクノ",
        "name_kana": "あおばてくの",
        "prefecture": "14",
        "prefecture_name": "神奈川県",
        "address": "横浜市西区みなとみらい２丁目２－１",
        "closed_on": None,
    }


def test_a_number_typed_with_full_width_digits_and_hyphens_is_found(client_for, admin, register):
    typed = "２０１－０５０１－０００００９"
    assert lookup(client_for(admin), number=typed).json()["record"]["number"] == AOBA


def test_a_wrong_check_digit_is_said_before_any_lookup(
    client_for, admin, register, django_assert_num_queries
):
    client = client_for(admin)
    client.get("/healthz")  # the account is kept from here
    with django_assert_num_queries(0):
        response = lookup(client, number="3010501000009")
    assert response.status_code == 400
    assert "チェックデジット" in response.json()["message"]


def test_an_unknown_number_is_answered_gently(client_for, admin, register):
    answer = lookup(client_for(admin), number=UNKNOWN).json()
    assert answer["status"] == "not_found"
    assert "このまま登録できます" in answer["message"]


def test_a_closed_corporation_is_found_with_its_close_date(client_for, admin, register):
    answer = lookup(client_for(admin), number=MIDORI).json()
    assert answer["record"]["closed_on"] == "2026-01-30"
    assert "閉鎖されています" in answer["message"]


@pytest.mark.parametrize("number", [YAMADA_GOJOKAI, YAMADA_KENKYUKAI, HIKARI])
def test_hidden_and_deleted_corporations_are_never_shown(client_for, admin, register, number):
    assert lookup(client_for(admin), number=number).json()["status"] == "not_found"


def test_a_name_suggests_open_visible_corporations_best_first(client_for, admin, register):
    answer = lookup(client_for(admin), name="山田").json()
    # Not 山田運輸 (closed), 山田互助会 or 山田研究会 (excluded from search).
    assert [r["number"] for r in answer["results"]] == [YAMADA_SHOJI, YAMADA_KOGYO]
    assert answer["results"][0] == {
        "number": YAMADA_SHOJI,
        "name": "山田商事株式会社",
        "prefecture_name": "東京都",
        "city": "世田谷区",
    }
    assert answer["message"] == "2件の候補があります。"


def test_a_name_search_in_english(client_for, admin, register):
    client = client_for(admin)
    answer = client.get("/en" + reverse("organisations:lookup"), {"name": "山田"}).json()
    assert answer["message"] == "2 matches found."


def test_a_name_needs_two_characters_and_may_find_nothing(client_for, admin, register):
    client = client_for(admin)
    assert lookup(client, name="山").status_code == 400
    assert lookup(client, name="存在しない").json() == {
        "status": "not_found",
        "message": "「存在しない」を含む法人は見つかりませんでした。",
        "results": [],
    }


def test_the_lookup_is_throttled_per_person(client_for, admin, register, settings):
    settings.CORPORATE_LOOKUPS_PER_MINUTE = 2
    client = client_for(admin)
    assert [lookup(client, number=AOBA).status_code for _ in range(3)] == [200, 200, 429]


def test_the_lookup_does_not_tell_whether_an_organisation_gave_the_number(client_for, admin, register):
    client = client_for(admin)
    before = lookup(client, number=AOBA).content
    OrganisationFactory(corporate_number=AOBA)
    assert lookup(client, number=AOBA).content == before
    assert lookup(client, number=UNKNOWN).json()["status"] == "not_found"


@pytest.mark.parametrize("query", [{"number": AOBA}, {"name": "山田"}])
def test_a_lookup_costs_two_queries(client_for, admin, register, django_assert_num_queries, query):
    client = client_for(admin)
    client.get("/healthz")  # the account is kept from here
    with django_assert_num_queries(1):  # the register
        lookup(client, **query)


def test_the_organisation_form_offers_the_lookup(client_for, admin):
    page = client_for(admin).get(reverse("organisations:new")).content.decode()
    assert 'data-corporate-lookup="/organisations/lookup/"' in page
    assert "portal/js/corporate_lookup.js" in page


# --- Admin ------------------------------------------------------------------------------


def test_staff_search_the_register_read_only(client_for, staff, register):
    client = client_for(staff)
    listing = client.get(reverse("admin:portal_corporaterecord_changelist"), {"q": "さくら"}).content.decode()
    assert SAKURA in listing and AOBA not in listing
    assert client.get(reverse("admin:portal_corporaterecord_changelist"), {"q": AOBA}).status_code == 200
    assert client.get(reverse("admin:portal_corporaterecord_add")).status_code == 403
    detail = client.get(reverse("admin:portal_corporaterecord_change", args=[SAKURA]))
    assert detail.status_code == 200 and b'name="name"' not in detail.content
