"""Loading a questionnaire version from its reviewable data file under fixtures/diagnosis/.

Called from data migrations with the historical models (`apps`), so that `migrate`
alone leaves any database with the questionnaire in place. Loading again is harmless:
texts are refreshed, the scale and structure of a published version never change.
"""

import tomllib
from pathlib import Path

from portal.lib.industries import Industry
from portal.lib.size_bands import SizeBand

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "diagnosis"

# value, label, points: the same four answers for every item.
ANSWER_SCALE = [
    ("yes", "実施している", 4),
    ("partly", "一部実施している", 2),
    ("no", "実施していない", 0),
    ("unknown", "わからない", -1),
]

# The same labels in English (content, like the item texts; see portal.lib.content_i18n).
ANSWER_LABELS_EN = {"yes": "Done", "partly": "Partly done", "no": "Not done", "unknown": "Don’t know"}

ITEM_TEXTS = ["topic", "question", "explanation", "advice_partly", "advice_no", "advice_unknown"]


def peer_groups() -> list[tuple[str, str]]:
    """Every peer group as (industry, size band); "" means any."""
    industries = [""] + list(Industry.values)
    sizes = [""] + list(SizeBand.values)
    return [(i, s) for i in industries for s in sizes]


def load_questionnaire(apps, filename: str, *, make_current: bool = True):
    data = tomllib.loads((FIXTURES / filename).read_text(encoding="utf-8"))
    Questionnaire = apps.get_model("diagnosis", "Questionnaire")
    Part = apps.get_model("diagnosis", "Part")
    Item = apps.get_model("diagnosis", "Item")
    AnswerOption = apps.get_model("diagnosis", "AnswerOption")
    Band = apps.get_model("diagnosis", "Band")
    PeerStatistics = apps.get_model("diagnosis", "PeerStatistics")

    meta = data["questionnaire"]
    if make_current:
        Questionnaire.objects.exclude(version=meta["version"]).update(is_current=False)
    questionnaire, _ = Questionnaire.objects.update_or_create(
        version=meta["version"], defaults={"title": meta["title"], "is_current": make_current}
    )
    parts = {}
    for part in data["parts"]:
        parts[part["number"]], _ = Part.objects.update_or_create(
            questionnaire=questionnaire,
            number=part["number"],
            defaults={"title": part["title"], "description": part.get("description", "")},
        )
    for item in data["items"]:
        Item.objects.update_or_create(
            questionnaire=questionnaire,
            number=item["number"],
            defaults={"part": parts[item["part"]], **{key: item[key].strip() for key in ITEM_TEXTS}},
        )
    for order, (value, label, points) in enumerate(ANSWER_SCALE):
        AnswerOption.objects.update_or_create(
            questionnaire=questionnaire,
            value=value,
            defaults={"label": label, "points": points, "order": order},
        )
    Band.objects.filter(questionnaire=questionnaire).delete()
    Band.objects.bulk_create(
        Band(
            questionnaire=questionnaire,
            min_score=band["min"],
            max_score=band["max"],
            title=band["title"],
            advice=band["advice"].strip(),
        )
        for band in data["bands"]
    )
    # Every peer group exists from the start, so saving a result only ever updates rows.
    existing = set(
        PeerStatistics.objects.filter(questionnaire=questionnaire).values_list("industry", "size_band")
    )
    PeerStatistics.objects.bulk_create(
        PeerStatistics(
            questionnaire=questionnaire,
            industry=industry,
            size_band=size,
            histogram={},
            item_sums=[0] * len(data["items"]),
        )
        for industry, size in peer_groups()
        if (industry, size) not in existing
    )
    return questionnaire
