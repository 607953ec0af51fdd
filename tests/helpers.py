"""Shared test data builders."""

# Every signed-in page loads the user and their memberships (the session comes from the cache).
SHELL_QUERIES = 2


def reviewers_group():
    """The reviewers group as its migration makes it (a transactional test may have flushed it)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name="reviewers")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["review_declaration", "view_declaration", "view_auditentry"])
    )
    return group


def answers(default="yes", **overrides) -> dict[str, str]:
    """All 25 diagnosis items answered `default`, with q<n>=value overrides, as the services take them."""
    values = {str(n): default for n in range(1, 26)}
    values.update({key.removeprefix("q"): value for key, value in overrides.items()})
    return values


def form_data(default="yes", **overrides) -> dict[str, str]:
    """The same as the take form posts them."""
    return {f"q{n}": value for n, value in answers(default, **overrides).items()} | {
        "questionnaire": "2026.1"
    }
