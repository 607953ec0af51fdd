"""Loading the 25 themes from their reviewable files (fixtures/learning/themes/NN.toml).

Each theme file has an English twin (themes/en/NN.toml); both land side by side in the
database (`title_ja`, `title_en`, …), where the admin may correct them. `manage.py
load_content` runs `load_themes`; see `portal.lib.content_loading` for how file changes and
admin edits are told apart.

A question is one entry with its four choices; it is known by its theme and position.
What a removal means for learners:
- a question gone from its file is deleted: attempts keep their marks (correct/total),
  certificates are unaffected;
- a theme gone from the files is deleted if nobody has studied it, otherwise retired: it
  leaves the list and its lesson and quiz close, and its certificates stay valid and keep
  verifying with the theme's title.
"""

import tomllib
from pathlib import Path

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from learning.models import Attempt, Certificate, Choice, Progress, Question, Theme
from portal.lib.content_loading import LoadReport, sync

THEMES = Path(__file__).resolve().parent.parent / "fixtures" / "learning" / "themes"

THEME_TEXTS = ["title", "summary", "scenario_title", "scenario_body", "explanation_body", "scene_alt"]
THEME_LISTS = ["scenario_characters", "points", "dos", "donts", "sources"]
QUESTION_TEXTS = ["prompt", "explanation"]


def theme_files(directory: Path = THEMES) -> list[Path]:
    return sorted(directory.glob("*.toml"))


def _flat(data: dict) -> dict:
    """A theme file's fields under the names of the model."""
    scenario, explanation = data.get("scenario", {}), data.get("explanation", {})
    return {
        "title": data.get("title", ""),
        "summary": data.get("summary", ""),
        "scenario_title": scenario.get("title", ""),
        "scenario_characters": scenario.get("characters", []),
        "scenario_body": scenario.get("body", ""),
        "explanation_body": explanation.get("body", ""),
        "points": explanation.get("points", []),
        "dos": explanation.get("dos", []),
        "donts": explanation.get("donts", []),
        "sources": data.get("sources", []),
        # What the scene's drawing (static/learning/scenes/NN.svg) shows, for those who cannot see it.
        "scene_alt": data.get("scene_alt", ""),
    }


def _strip(value):
    return [v.strip() for v in value] if isinstance(value, list) else str(value).strip()


def read_theme(path: Path) -> tuple[int, dict, dict]:
    """(number, theme entry, question entries by number) of one file and its English twin."""
    ja = tomllib.loads(path.read_text(encoding="utf-8"))
    twin = path.parent / "en" / path.name
    en = tomllib.loads(twin.read_text(encoding="utf-8")) if twin.exists() else {}
    ja_fields, en_fields = _flat(ja), _flat(en)
    theme = {}
    for name in THEME_TEXTS + THEME_LISTS:
        theme[f"{name}_ja"] = _strip(ja_fields[name])
        theme[f"{name}_en"] = _strip(en_fields[name])
    theme["documents"] = list(ja.get("documents", []))  # slugs, the same in both languages
    questions = {}
    en_questions = en.get("questions", [])
    for n, question in enumerate(ja["questions"]):
        english = en_questions[n] if n < len(en_questions) else {}
        en_choices = english.get("choices", [])
        questions[n + 1] = {
            "kind": question["kind"],
            **{f"{name}_ja": question[name].strip() for name in QUESTION_TEXTS},
            **{f"{name}_en": english.get(name, "").strip() for name in QUESTION_TEXTS},
            "choices": [
                {"text_ja": text.strip(), "text_en": en_choices[c].strip() if c < len(en_choices) else ""}
                for c, text in enumerate(question["choices"])
            ],
            "answer": question["answer"],
        }
    return ja["number"], theme, questions


def _read_theme_row(theme: Theme) -> dict:
    return {
        **{
            f"{name}_{language}": getattr(theme, f"{name}_{language}")
            for name in THEME_TEXTS + THEME_LISTS
            for language in ("ja", "en")
        },
        "documents": theme.documents,
    }


def _read_question_row(question: Question) -> dict:
    choices = sorted(question.choices.all(), key=lambda choice: choice.number)
    correct = [choice.number for choice in choices if choice.is_correct]
    return {
        "kind": question.kind,
        **{
            f"{name}_{lang}": getattr(question, f"{name}_{lang}")
            for name in QUESTION_TEXTS
            for lang in ("ja", "en")
        },
        "choices": [{"text_ja": choice.text_ja, "text_en": choice.text_en} for choice in choices],
        "answer": correct[0] if len(correct) == 1 else None,
    }


def _write_theme(row, number, values, digests):
    if row is None:
        row = Theme(number=number, **values, **digests)
        row.save()
        return row
    Theme.objects.filter(pk=row.pk).update(**values, **digests, retired_at=None)
    return row


def _question_writer(themes: dict[int, Theme]):
    def write(row, key, values, digests):
        values = dict(values)
        choices, answer = values.pop("choices"), values.pop("answer")
        if row is None:
            row = Question(theme=themes[key[0]], number=key[1], **values, **digests)
            row.save()
        else:
            Question.objects.filter(pk=row.pk).update(**values, **digests)
        # Choices keep their identities (attempts refer to them); the old right answer is
        # cleared first, so at most one choice is correct at any moment.
        Choice.objects.filter(question=row, is_correct=True).exclude(number=answer).update(is_correct=False)
        existing = {choice.number: choice for choice in Choice.objects.filter(question=row)}
        for number, texts in enumerate(choices, 1):
            fields = {**texts, "is_correct": number == answer}
            if number in existing:
                Choice.objects.filter(pk=existing[number].pk).update(**fields)
            else:
                Choice(question=row, number=number, **fields).save()
        Choice.objects.filter(question=row, number__gt=len(choices)).delete()
        return row

    return write


def _remove_theme(theme: Theme) -> str:
    studied = (
        Attempt.objects.filter(theme=theme).exists()
        or Progress.objects.filter(theme=theme).exists()
        or Certificate.objects.filter(theme=theme).exists()
    )
    if not studied:
        theme.delete()
        return "deleted"
    if theme.retired_at is None:
        Theme.objects.filter(pk=theme.pk).update(retired_at=timezone.now())
        return "retired"
    return ""  # retired by an earlier load


def _remove_question(question: Question) -> str:
    question.delete()
    return "deleted"


@transaction.atomic
def load_themes(
    *, report: LoadReport | None = None, overwrite: bool = False, directory: Path = THEMES
) -> int:
    """Load every theme file in `directory`; returns how many themes the files hold."""
    report = report if report is not None else LoadReport()
    files = [read_theme(path) for path in theme_files(directory)]
    themes = sync(
        label=lambda number: f"theme {number}",
        rows=Theme.objects.in_bulk(field_name="number"),
        entries={number: theme for number, theme, _questions in files},
        read=_read_theme_row,
        write=_write_theme,
        remove=_remove_theme,
        report=report,
        overwrite=overwrite,
    )
    # A retired theme whose file came back opens again.
    back = [theme.pk for theme in themes.values() if theme.retired_at is not None]
    if back:
        Theme.objects.filter(pk__in=back).update(retired_at=None)
    live = {theme.pk: number for number, theme in themes.items()}
    questions = Question.objects.filter(theme_id__in=live).prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("number"))
    )
    sync(
        label=lambda key: f"theme {key[0]} question {key[1]}",
        rows={(live[question.theme_id], question.number): question for question in questions},
        entries={
            (number, n): question for number, _theme, entries in files for n, question in entries.items()
        },
        read=_read_question_row,
        write=_question_writer(themes),
        remove=_remove_question,
        report=report,
        overwrite=overwrite,
    )
    return len(files)
