"""Importing the National Tax Agency's 法人番号 register from its published download files, so
that organisation forms can look a company up on a closed network.

The files: 国税庁法人番号公表サイト「基本3情報ダウンロード」
(https://www.houjin-bangou.nta.go.jp/download/) publishes 全件データ (everything, per
prefecture, as of the end of the previous month) and 差分データ (each day's new numbers,
changes and closures), as zip files holding one CSV. We read the "CSV・Unicode" edition,
whose rows are laid out as 「法人番号システム Web-API / 公表データ ダウンロードファイルのデータ
項目」(the リソース定義書) describes: UTF-8, no header row, every value double-quoted, 30 columns:

     1 一連番号 sequenceNumber          16 郵便番号 postCode
     2 法人番号 corporateNumber         17 国外所在地 addressOutside
     3 処理区分 process                 18 国外所在地イメージID
     4 訂正区分 correct                 19 登記記録の閉鎖等年月日 closeDate
     5 更新年月日 updateDate            20 登記記録の閉鎖等の事由 closeCause
     6 変更年月日 changeDate            21 承継先法人番号 successorCorporateNumber
     7 商号又は名称 name                22 変更事由の詳細 changeCause
     8 商号又は名称イメージID           23 法人番号指定年月日 assignmentDate
     9 法人種別 kind                    24 最新履歴 latest (1 = the latest)
    10 国内所在地（都道府県）           25 商号又は名称（英語表記）enName
    11 国内所在地（市区町村）cityName   26 国内所在地（都道府県）（英語表記）
    12 国内所在地（丁目番地等）         27 国内所在地（市区町村丁目番地等）（英語表記）
    13 国内所在地イメージID             28 国外所在地（英語表記）
    14 都道府県コード prefectureCode    29 フリガナ furigana
    15 市区町村コード cityCode          30 検索対象除外 hihyoji (1 = excluded from search)

処理区分: 01 新規, 11 商号又は名称の変更, 12 国内所在地の変更, 13 国外所在地の変更,
21 登記記録の閉鎖等, 22 登記記録の復活等, 71 吸収合併, 72 吸収合併無効, 81 商号の登記の抹消,
99 削除.

Every row, in either kind of file, is the whole current state of one corporation, so both are
read the same way: a row replaces the stored record unless the record was updated later
(updateDate), which makes an import idempotent and lets files arrive in any order. A closed
corporation (21) keeps its record with its close date; a deleted one (99) and one excluded
from search are kept `hidden`, which no look-up returns. Rows that are not the latest
history (最新履歴 0) or that cannot be read are counted as skipped.

`import_file` streams a file (never all of it in memory) in batches; each batch commits
together with the file's progress in `CorporateImport`, so an interrupted import resumes
after the last committed batch. Only one import should run at a time: two concurrent
imports of overlapping files could each miss the other's newer row.
"""

import csv
import hashlib
import io
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from portal.lib.corporate_number import corporate_number_check_digit
from portal.lib.prefectures import Prefecture
from portal.models import CorporateImport, CorporateRecord

DELETED = "99"
COLUMNS = 30
BATCH_SIZE = 10_000
PREFECTURES = frozenset(Prefecture.values)

# What a row sets, in the order parse_row returns it; `number` first.
FIELDS = (
    "number",
    "name",
    "furigana",
    "kind",
    "prefecture",
    "city",
    "street",
    "post_code",
    "process",
    "closed_on",
    "close_cause",
    "hidden",
    "updated_on",
    "sequence",
)
# Two rows that differ only in their place in their file describe the same state.
_COMPARED = slice(1, FIELDS.index("sequence"))
_UPDATED_ON = FIELDS.index("updated_on")
_SEQUENCE = FIELDS.index("sequence")


class ImportInterrupted(Exception):
    """Raised by a `stop_after_batches` test hook, as a killed process would stop."""


@dataclass
class ImportResult:
    file_name: str
    kind: str
    resumed_at: int = 0  # rows already committed by an earlier, interrupted run
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    seconds: float = 0.0
    already_imported: bool = False

    @property
    def rows_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.file_name}: already imported (use --restart to import it again)"
        resumed = f", resumed after row {self.resumed_at:,}" if self.resumed_at else ""
        return (
            f"{self.file_name} ({self.kind}{resumed}): {self.read:,} rows read, "
            f"{self.inserted:,} inserted, {self.updated:,} updated, {self.unchanged:,} unchanged, "
            f"{self.skipped:,} skipped, {self.rows_per_second:,.0f} rows/s"
        )


def parse_row(row: list[str]) -> tuple | None:
    """One CSV row as the values of FIELDS, or None for a row to skip."""
    if len(row) < COLUMNS or row[23] != "1":
        return None
    number = row[1]
    if (
        len(number) != 13
        or not number.isdigit()
        or int(number[0]) != corporate_number_check_digit(number[1:])
    ):
        return None
    try:
        updated_on = date.fromisoformat(row[4])
        closed_on = date.fromisoformat(row[18]) if row[18] else None
        sequence = int(row[0] or 0)
    except ValueError:
        return None
    process = row[2]
    return (
        number,
        row[6][:300],
        row[28][:500],
        row[8][:3],
        row[13] if row[13] in PREFECTURES else "",
        row[10][:100],
        row[11][:300],
        row[15][:7],
        process[:2],
        closed_on,
        row[19][:2],
        row[29] == "1" or process == DELETED,
        updated_on,
        sequence,
    )


def detect_kind(path: Path) -> str:
    """The NTA names 差分 files diff_<date>…; 全件 files are <code>_<prefecture>_all_<date>…."""
    return CorporateImport.Kind.DIFF if "diff" in path.name.lower() else CorporateImport.Kind.FULL


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(2**20):
            digest.update(chunk)
    return digest.hexdigest()


@contextmanager
def open_rows(path: Path) -> Iterator[tuple[Iterator[list[str]], object, int]]:
    """The CSV rows of `path` (a .csv, or a .zip holding one), its binary stream (whose tell()
    is the uncompressed position, for the progress bar) and its uncompressed size."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [info for info in archive.infolist() if info.filename.lower().endswith(".csv")]
            if len(members) != 1:
                raise ValueError(f"{path.name}: expected one CSV file in the zip, found {len(members)}")
            with archive.open(members[0]) as binary:
                yield from _read(binary, members[0].file_size)
    else:
        with path.open("rb") as binary:
            yield from _read(binary, path.stat().st_size)


def _read(binary, size: int):
    # utf-8-sig: tolerate a byte-order mark. The text wrapper is held here until the file is
    # done with: were it collected once the rows run out, it would close `binary` with it.
    text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
    try:
        yield csv.reader(text), binary, size
    finally:
        text.detach()


def import_file(
    path: str | Path,
    *,
    diff: bool | None = None,
    restart: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
    stop_after_batches: int | None = None,
) -> ImportResult:
    """Import one published file (.csv or .zip) into CorporateRecord; see the module docstring.

    A file is known by its SHA-256: one imported completely is not read again unless
    `restart`; one interrupted resumes after its last committed batch (`restart` starts it
    over). `diff` overrides the kind guessed from the file name, which is only recorded: both
    kinds are read the same way. `progress` shows a tqdm bar on stderr.
    """
    path = Path(path)
    kind = (
        (CorporateImport.Kind.DIFF if diff else CorporateImport.Kind.FULL)
        if diff is not None
        else detect_kind(path)
    )
    record, _created = CorporateImport.objects.get_or_create(
        digest=file_digest(path),
        defaults={"file_name": path.name, "size": path.stat().st_size, "kind": kind},
    )
    if restart:
        record.rows_done = record.inserted = record.updated = record.unchanged = record.skipped = 0
        record.finished_at = None
    record.file_name, record.kind = path.name, kind
    record.save()
    result = ImportResult(file_name=path.name, kind=kind, resumed_at=record.rows_done)
    if record.finished_at is not None:
        result.already_imported = True
        return result

    started = time.monotonic()
    with (
        open_rows(path) as (rows, binary, total),
        tqdm(
            total=total, unit="B", unit_scale=True, desc=path.name, file=sys.stderr, disable=not progress
        ) as bar,
    ):
        rows = islice(rows, record.rows_done, None)
        batches = 0
        while chunk := list(islice(rows, batch_size)):
            _import_batch(chunk, record, result)
            batches += 1
            bar.update(binary.tell() - bar.n)
            if stop_after_batches is not None and batches >= stop_after_batches:
                raise ImportInterrupted(f"stopped after {batches} batches, at row {record.rows_done}")
    record.finished_at = timezone.now()
    record.save(update_fields=["finished_at", "updated_at"])
    result.seconds = time.monotonic() - started
    return result


def _import_batch(chunk: list[list[str]], record: CorporateImport, result: ImportResult) -> None:
    """Upsert one batch of rows and record the file's progress, in one transaction."""
    latest: dict[str, tuple] = {}
    skipped = 0
    for row in chunk:
        values = parse_row(row)
        if values is None:
            skipped += 1
            continue
        seen = latest.get(values[0])
        # A file may list a number twice (a change, then a correction): the later row wins.
        if seen is not None:
            skipped += 1
            if (seen[_UPDATED_ON], seen[_SEQUENCE]) > (values[_UPDATED_ON], values[_SEQUENCE]):
                continue
        latest[values[0]] = values
    counts = {"inserted": 0, "updated": 0, "unchanged": 0, "skipped": skipped}
    upsert = _upsert_postgresql if connection.vendor == "postgresql" else _upsert
    with transaction.atomic():
        upsert(list(latest.values()), counts)
        record.rows_done += len(chunk)
        for name, count in counts.items():
            setattr(record, name, getattr(record, name) + count)
        record.save(update_fields=["rows_done", *counts, "updated_at"])
    result.read += len(chunk)
    for name, count in counts.items():
        setattr(result, name, getattr(result, name) + count)


def _upsert(rows: list[tuple], counts: dict[str, int]) -> None:
    """Any database: read the stored rows of the batch, write the new and the changed ones."""
    stored = {
        values[0]: values
        for values in CorporateRecord.objects.filter(number__in=[row[0] for row in rows]).values_list(*FIELDS)
    }
    writes = []
    for values in rows:
        old = stored.get(values[0])
        if old is None:
            counts["inserted"] += 1
        elif old[_UPDATED_ON] > values[_UPDATED_ON]:
            counts["skipped"] += 1  # an older row than the one we have
            continue
        elif old[_COMPARED] == values[_COMPARED]:
            counts["unchanged"] += 1
            continue
        else:
            counts["updated"] += 1
        writes.append(CorporateRecord(**dict(zip(FIELDS, values, strict=True))))
    if writes:
        CorporateRecord.objects.bulk_create(
            writes, update_conflicts=True, unique_fields=["number"], update_fields=list(FIELDS[1:])
        )


_TABLE = CorporateRecord._meta.db_table
_COLUMNS = ", ".join(FIELDS)
_TEXT_COLUMNS = ", ".join(
    name for name in FIELDS if CorporateRecord._meta.get_field(name).get_internal_type() == "CharField"
)
_COMPARED_COLUMNS = FIELDS[_COMPARED]
# Built from the model's own names only, never from input.
_COUNT_SQL = (
    "SELECT count(*) FILTER (WHERE r.number IS NULL), count(*) FILTER (WHERE r.updated_on > i.updated_on) "  # noqa: S608
    f"FROM corporate_incoming i LEFT JOIN {_TABLE} r USING (number)"
)
_UPSERT_SQL = (
    f"INSERT INTO {_TABLE} AS r ({_COLUMNS}) SELECT {_COLUMNS} FROM corporate_incoming "  # noqa: S608
    "ON CONFLICT (number) DO UPDATE SET "
    + ", ".join(f"{name} = EXCLUDED.{name}" for name in FIELDS[1:])
    + " WHERE r.updated_on <= EXCLUDED.updated_on AND ("
    + ", ".join(f"r.{name}" for name in _COMPARED_COLUMNS)
    + ") IS DISTINCT FROM ("
    + ", ".join(f"EXCLUDED.{name}" for name in _COMPARED_COLUMNS)
    + ")"
)


def _upsert_postgresql(rows: list[tuple], counts: dict[str, int]) -> None:
    """PostgreSQL: the same in three statements, about twice as fast as the ORM's bulk upsert
    for a full register: COPY the batch into a temporary table, count what is new and what is
    older than the stored rows, then one INSERT … ON CONFLICT that updates only rows that are
    not older and differ."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for values in rows:
        writer.writerow(["t" if v is True else "f" if v is False else v for v in values])
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS corporate_incoming (LIKE {_TABLE}) ON COMMIT DELETE ROWS"
        )
        # Empty already after a commit, but not when the import runs inside an outer transaction
        # (a test, a job): the previous batch's rows must not be counted or written again.
        cursor.execute("TRUNCATE corporate_incoming")
        # FORCE_NOT_NULL: an empty text value is "", only an empty date is NULL.
        cursor.cursor.copy_expert(
            f"COPY corporate_incoming ({_COLUMNS}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({_TEXT_COLUMNS}))",
            buffer,
        )
        cursor.execute(_COUNT_SQL)
        new, older = cursor.fetchone()
        cursor.execute(_UPSERT_SQL)
        written = cursor.rowcount
    counts["inserted"] += new
    counts["updated"] += written - new
    counts["skipped"] += older
    counts["unchanged"] += len(rows) - written - older
