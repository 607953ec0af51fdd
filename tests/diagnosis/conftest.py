import pytest

from diagnosis import services


def answers(default="yes", **overrides) -> dict[str, str]:
    """All 25 items answered `default`, with q<n>=value overrides, as the services take them."""
    values = {str(n): default for n in range(1, 26)}
    values.update({key.removeprefix("q"): value for key, value in overrides.items()})
    return values


def form_data(default="yes", **overrides) -> dict[str, str]:
    """The same as the take form posts them."""
    return {f"q{n}": value for n, value in answers(default, **overrides).items()} | {
        "questionnaire": "2026.1"
    }


@pytest.fixture
def complete(questionnaire):
    def make(organisation=None, default="yes", user=None, **overrides):
        return services.assessment_complete(
            questionnaire=questionnaire,
            organisation=organisation,
            user=user,
            answers=answers(default, **overrides),
        )

    return make
