"""Loading the 25 themes from their reviewable files (fixtures/learning/themes/NN.toml).

Called from a data migration with historical models, so `migrate` alone installs them;
loading again refreshes the texts and keeps question and choice identities.
"""

import tomllib
from pathlib import Path

THEMES = Path(__file__).resolve().parent.parent / "fixtures" / "learning" / "themes"


def theme_files() -> list[Path]:
    return sorted(THEMES.glob("*.toml"))


def load_themes(apps) -> int:
    Theme = apps.get_model("learning", "Theme")
    Question = apps.get_model("learning", "Question")
    Choice = apps.get_model("learning", "Choice")
    count = 0
    for path in theme_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        theme, _ = Theme.objects.update_or_create(
            number=data["number"],
            defaults={
                "title": data["title"],
                "summary": data["summary"].strip(),
                "scenario_title": data["scenario"]["title"],
                "scenario_characters": data["scenario"].get("characters", []),
                "scenario_body": data["scenario"]["body"].strip(),
                "explanation_body": data["explanation"]["body"].strip(),
                "points": data["explanation"]["points"],
                "dos": data["explanation"]["dos"],
                "donts": data["explanation"]["donts"],
            },
        )
        for number, item in enumerate(data["questions"], 1):
            question, _ = Question.objects.update_or_create(
                theme=theme,
                number=number,
                defaults={
                    "kind": item["kind"],
                    "prompt": item["prompt"].strip(),
                    "explanation": item["explanation"].strip(),
                },
            )
            # Clear the old right answer first: at most one correct choice at any moment.
            Choice.objects.filter(question=question).update(is_correct=False)
            for choice_number, text in enumerate(item["choices"], 1):
                Choice.objects.update_or_create(
                    question=question,
                    number=choice_number,
                    defaults={"text": text.strip(), "is_correct": choice_number == item["answer"]},
                )
        count += 1
    return count
