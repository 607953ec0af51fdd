"""Loading the questionnaire versions from their reviewable files under fixtures/diagnosis/.

Each `questionnaire_<version>.toml` holds one version in Japanese, its `.en.toml` twin the
same in English; both land side by side in the database (`title_ja`, `title_en`, …), where
the admin may correct them. `manage.py load_content` runs `load_questionnaires`; see
`portal.lib.content_loading` for how file changes and admin edits are told apart.

Results are protected by versions: an assessment points at the version it was taken with
and stores its scores. So a version that has results keeps its structure (items, answer
scale, bands' ranges): a file that changes them is refused and needs a new version number;
its wording may still be corrected. A version whose file is gone is deleted, or, when
results refer to it, retired (no longer current).
"""

import tomllib
from pathlib import Path

from django.db import transaction

from diagnosis.models import AnswerOption, Band, Item, ItemGuide, Part, PeerStatistics, Questionnaire
from portal.lib.content_loading import LoadReport, sync
from portal.lib.industries import Industry
from portal.lib.size_bands import SizeBand

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "diagnosis"

# value, label, points: the same four answers for every item, in Japanese and English.
ANSWER_SCALE = [
    ("yes", "実施している", "Done", 4),
    ("partly", "一部実施している", "Partly done", 2),
    ("no", "実施していない", "Not done", 0),
    ("unknown", "わからない", "Don’t know", -1),
]

ITEM_TEXTS = [
    "topic",
    "question",
    "explanation",
    "advice_partly",
    "advice_no",
    "advice_unknown",
    "not_applicable",
]
GUIDE_TEXTS = ["why", "how", "checking"]
GUIDE_LISTS = ["mistakes", "sources"]
GUIDES = FIXTURES / "guides"


def peer_groups() -> list[tuple[str, str]]:
    """Every peer group as (industry, size band); "" means any."""
    industries = [""] + list(Industry.values)
    sizes = [""] + list(SizeBand.values)
    return [(i, s) for i in industries for s in sizes]


def questionnaire_files(directory: Path = FIXTURES) -> list[Path]:
    return sorted(path for path in directory.glob("*.toml") if not path.name.endswith(".en.toml"))


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdigit() else part for part in version.split("."))


def _bilingual(ja: dict, en: dict, names: list[str]) -> dict:
    values = {}
    for name in names:
        values[f"{name}_ja"] = str(ja.get(name, "")).strip()
        values[f"{name}_en"] = str(en.get(name, "")).strip()
    return values


def read_version(path: Path) -> dict:
    """One version's entries, by key, in the shape the rows are read back in."""
    ja = tomllib.loads(path.read_text(encoding="utf-8"))
    twin = path.with_name(path.name.removesuffix(".toml") + ".en.toml")
    en = tomllib.loads(twin.read_text(encoding="utf-8")) if twin.exists() else {}

    def english(section: str, n: int) -> dict:
        entries = en.get(section, [])
        return entries[n] if n < len(entries) else {}

    version = ja["questionnaire"]["version"]
    return {
        "version": version,
        "questionnaire": _bilingual(ja["questionnaire"], en.get("questionnaire", {}), ["title"]),
        "parts": {
            part["number"]: _bilingual(part, english("parts", n), ["title", "description"])
            for n, part in enumerate(ja["parts"])
        },
        "items": {
            item["number"]: {"part": item["part"], **_bilingual(item, english("items", n), ITEM_TEXTS)}
            for n, item in enumerate(ja["items"])
        },
        "options": {
            value: {"label_ja": label, "label_en": label_en, "points": points, "order": order}
            for order, (value, label, label_en, points) in enumerate(ANSWER_SCALE)
        },
        "bands": {
            band["min"]: {
                "max_score": band["max"],
                **_bilingual(band, english("bands", n), ["title", "advice"]),
            }
            for n, band in enumerate(ja["bands"])
        },
    }


def _structure(items: dict, options: dict, bands: dict) -> tuple:
    return (
        sorted(items),
        sorted((value, option["points"]) for value, option in options.items()),
        sorted((low, band["max_score"]) for low, band in bands.items()),
    )


def _fields(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def _writer(model, key_field: str, **fixed):
    def write(row, key, values, digests):
        if row is None:
            row = model(**{key_field: key}, **fixed, **values, **digests)
            row.save()
            return row
        model.objects.filter(pk=row.pk).update(**values, **digests)
        return row

    return write


def _load_version(entries: dict, *, current: bool, report: LoadReport, overwrite: bool) -> Questionnaire:
    version = entries["version"]
    existing = Questionnaire.objects.filter(version=version).first()
    if existing is not None and existing.assessments.exists():
        stored = _structure(
            {item.number: None for item in existing.items.only("number")},
            {o.value: {"points": o.points} for o in existing.options.only("value", "points")},
            {b.min_score: {"max_score": b.max_score} for b in existing.bands.only("min_score", "max_score")},
        )
        if stored != _structure(entries["items"], entries["options"], entries["bands"]):
            report.refused.append(
                f"questionnaire {version}: results were taken with it, so its items, answer scale "
                f"and bands stay as they are; publish the change as a new version"
            )
            return existing

    questionnaire = sync(
        label=lambda key: f"questionnaire {key}",
        rows={version: existing} if existing else {},
        entries={version: entries["questionnaire"]},
        read=lambda row: _fields(row, ["title_ja", "title_en"]),
        write=_writer(Questionnaire, "version", is_current=False),
        remove=None,
        report=report,
        overwrite=overwrite,
    )[version]
    if current and not questionnaire.is_current:
        Questionnaire.objects.filter(is_current=True).update(is_current=False)
        Questionnaire.objects.filter(pk=questionnaire.pk).update(is_current=True)
        questionnaire.is_current = True

    def deleted(row):
        row.delete()
        return "deleted"

    parts = sync(
        label=lambda key: f"questionnaire {version} part {key}",
        rows={part.number: part for part in questionnaire.parts.all()},
        entries=entries["parts"],
        read=lambda row: _fields(row, ["title_ja", "title_en", "description_ja", "description_en"]),
        write=_writer(Part, "number", questionnaire=questionnaire),
        remove=None,  # after the items that point at them
        report=report,
        overwrite=overwrite,
    )
    item_texts = [f"{name}_{language}" for name in ITEM_TEXTS for language in ("ja", "en")]

    def write_item(row, key, values, digests):
        values = dict(values)
        part = parts[values.pop("part")]
        return _writer(Item, "number", questionnaire=questionnaire)(
            row, key, {"part": part, **values}, digests
        )

    sync(
        label=lambda key: f"questionnaire {version} item {key}",
        rows={item.number: item for item in questionnaire.items.select_related("part")},
        entries=entries["items"],
        read=lambda row: {"part": row.part.number, **_fields(row, item_texts)},
        write=write_item,
        remove=deleted,
        report=report,
        overwrite=overwrite,
    )
    for number, part in {part.number: part for part in questionnaire.parts.all()}.items():
        if number not in entries["parts"]:
            part.delete()
            report.deleted.append(f"questionnaire {version} part {number}")
    sync(
        label=lambda key: f"questionnaire {version} answer {key}",
        rows={option.value: option for option in questionnaire.options.all()},
        entries=entries["options"],
        read=lambda row: _fields(row, ["label_ja", "label_en", "points", "order"]),
        write=_writer(AnswerOption, "value", questionnaire=questionnaire),
        remove=deleted,
        report=report,
        overwrite=overwrite,
    )
    sync(
        label=lambda key: f"questionnaire {version} band from {key}",
        rows={band.min_score: band for band in questionnaire.bands.all()},
        entries=entries["bands"],
        read=lambda row: _fields(row, ["max_score", "title_ja", "title_en", "advice_ja", "advice_en"]),
        write=_writer(Band, "min_score", questionnaire=questionnaire),
        remove=deleted,
        report=report,
        overwrite=overwrite,
    )
    if existing is None:
        # Every peer group exists from the start, so saving a result only ever updates rows.
        PeerStatistics.objects.bulk_create(
            PeerStatistics(
                questionnaire=questionnaire,
                industry=industry,
                size_band=size,
                histogram={},
                item_sums=[0] * len(entries["items"]),
            )
            for industry, size in peer_groups()
        )
    return questionnaire


@transaction.atomic
def load_questionnaires(
    *, report: LoadReport, overwrite: bool = False, directory: Path = FIXTURES
) -> list[Questionnaire]:
    """Load every version in `directory`; the highest version is the current one."""
    versions = sorted(
        (read_version(path) for path in questionnaire_files(directory)),
        key=lambda entries: _version_key(entries["version"]),
    )
    loaded = [
        _load_version(entries, current=n == len(versions) - 1, report=report, overwrite=overwrite)
        for n, entries in enumerate(versions)
    ]
    kept = {entries["version"] for entries in versions}
    for questionnaire in Questionnaire.objects.exclude(version__in=kept):
        if questionnaire.assessments.exists():
            # Kept for its results; an empty source digest marks it as no longer from the files.
            if questionnaire.is_current or questionnaire.source_digest:
                Questionnaire.objects.filter(pk=questionnaire.pk).update(is_current=False, source_digest="")
                report.retired.append(f"questionnaire {questionnaire.version}")
        else:
            questionnaire.delete()
            report.deleted.append(f"questionnaire {questionnaire.version}")
    return loaded


def load_questionnaire(apps, filename: str | Path, *, make_current: bool = True) -> Questionnaire:
    """Load one version's file (a name under fixtures/diagnosis/ or a path); other versions stay.

    `apps` is unused: it keeps the signature the data migrations and tests called.
    """
    path = Path(filename) if Path(filename).is_absolute() else FIXTURES / filename
    with transaction.atomic():
        return _load_version(read_version(path), current=make_current, report=LoadReport(), overwrite=False)


def read_guide(path: Path) -> tuple[int, dict]:
    """(item number, entry) of one guide file (guides/NN.toml) and its English twin (guides/en/)."""
    ja = tomllib.loads(path.read_text(encoding="utf-8"))
    twin = path.parent / "en" / path.name
    en = tomllib.loads(twin.read_text(encoding="utf-8")) if twin.exists() else {}
    for data in (ja, en):
        data["checking"] = data.get("check", "")  # the model's name: Model.check is taken
    entry = _bilingual(ja, en, GUIDE_TEXTS)
    for name in GUIDE_LISTS:
        entry[f"{name}_ja"] = [str(value).strip() for value in ja.get(name, [])]
        entry[f"{name}_en"] = [str(value).strip() for value in en.get(name, [])]
    entry["documents"] = list(ja.get("documents", []))
    return ja["item"], entry


GUIDE_FIELDS = [f"{name}_{lang}" for name in GUIDE_TEXTS + GUIDE_LISTS for lang in ("ja", "en")] + [
    "documents"
]


@transaction.atomic
def load_guides(
    *, report: LoadReport | None = None, overwrite: bool = False, directory: Path = GUIDES
) -> int:
    """Load the items' guide pages; a guide whose file is gone is deleted (nothing refers to it)."""
    report = report if report is not None else LoadReport()
    entries = dict(read_guide(path) for path in sorted(directory.glob("*.toml")))

    def deleted(row):
        row.delete()
        return "deleted"

    sync(
        label=lambda number: f"guide {number}",
        rows=ItemGuide.objects.in_bulk(field_name="number"),
        entries=entries,
        read=lambda row: _fields(row, GUIDE_FIELDS),
        write=_writer(ItemGuide, "number"),
        remove=deleted,
        report=report,
        overwrite=overwrite,
    )
    return len(entries)
