"""Loading reviewable content files into rows that editors may also change in the admin.

The files (fixtures/) are the source; the admin may correct a row in place. Each loaded row
remembers two digests: `source_digest`, of its file entry as last loaded, and
`loaded_digest`, of the row as that load wrote it. A new load then tells apart:

- entry unchanged since the last load → the row is left alone (an admin edit survives);
- entry changed, row as loaded → the row takes the new entry;
- entry changed, row edited in the admin since → a conflict: the row is left as edited and
  reported, until the file agrees with it or the load is run with `overwrite`.

Rows whose entries are gone from the files are handed to a `remove` callback, which deletes
them or retires them where stored results refer to them.
"""

import hashlib
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.db import models


class LoadedContent(models.Model):
    """A row loaded from a content file (see the module docstring)."""

    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


def _normal(value):
    # A browser submits text areas with CRLF: saving a form unchanged is not an edit.
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    if isinstance(value, list | tuple):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


def digest(values: dict) -> str:
    text = json.dumps(_normal(values), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def carry_unedited_digests(rows, *, read_before, new_fields: list[str]) -> None:
    """For a migration that adds fields a load reads back: a row loaded before it and not edited
    since (its digest still matches `read_before(row)`) keeps counting as unedited, its digest
    now taken with the new fields' values; otherwise the next load would call every such row
    edited in the admin and keep it as it is."""
    for row in rows:
        before = read_before(row)
        if digest(before) == row.loaded_digest:
            after = {**before, **{name: getattr(row, name) for name in new_fields}}
            type(row).objects.filter(pk=row.pk).update(loaded_digest=digest(after))


@dataclass
class LoadReport:
    """What a load did, in words for the command's output."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted or self.retired)

    def lines(self) -> list[str]:
        lines = [
            f"{len(self.created)} created, {len(self.updated)} updated, {len(self.deleted)} deleted, "
            f"{len(self.retired)} retired, {self.unchanged} unchanged, {len(self.conflicts)} conflict(s)"
        ]
        lines += [f"created {name}" for name in self.created]
        lines += [f"updated {name}" for name in self.updated]
        lines += [f"deleted {name}" for name in self.deleted]
        lines += [f"retired {name}" for name in self.retired]
        lines += [f"CONFLICT {text}" for text in self.conflicts]
        lines += [f"REFUSED {text}" for text in self.refused]
        return lines


def sync(
    *,
    label: Callable[[Hashable], str],
    rows: dict[Hashable, models.Model],
    entries: dict[Hashable, dict],
    read: Callable[[models.Model], dict],
    write: Callable[[models.Model | None, Hashable, dict, dict], models.Model],
    remove: Callable[[models.Model], str] | None,
    report: LoadReport,
    overwrite: bool = False,
) -> dict[Hashable, models.Model]:
    """Bring `rows` (existing, by key) in line with `entries` (from the files, by key).

    `read(row)` gives the row's values in the shape of an entry; `write(row or None, key,
    values, digests)` saves them together with the digests and returns the row;
    `remove(row)` deletes or retires a row no longer in the files and says which
    ("deleted"/"retired"). Returns the rows by key after the load.
    """
    result = {}
    for key, values in entries.items():
        row = rows.get(key)
        source = digest(values)
        digests = {"source_digest": source, "loaded_digest": source}
        if row is None:
            result[key] = write(None, key, values, digests)
            report.created.append(label(key))
        elif row.source_digest == source:
            result[key] = row
            report.unchanged += 1
        elif row.source_digest and row.loaded_digest != digest(read(row)) and not overwrite:
            result[key] = row
            report.conflicts.append(
                f"{label(key)}: edited in the admin and changed in the files; kept as edited"
            )
        else:
            # Never loaded by this loader (empty digests) or unedited since the last load.
            result[key] = write(row, key, values, digests)
            report.updated.append(label(key))
    for key, row in rows.items():
        if key not in entries and remove is not None:
            outcome = remove(row)
            if outcome:
                getattr(report, outcome).append(label(key))
    return result
