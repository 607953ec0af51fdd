def right_answers(theme) -> dict[str, str]:
    """The quiz form data answering every question of `theme` correctly."""
    return {f"q_{q.pk}": str(q.choices.get(is_correct=True).pk) for q in theme.questions.all()}


def wrong_answers(theme) -> dict[str, str]:
    data = right_answers(theme)
    first = theme.questions.first()
    data[f"q_{first.pk}"] = str(first.choices.filter(is_correct=False).first().pk)
    return data
