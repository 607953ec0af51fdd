import pytest

from presenters.models import Kind, Status
from tests import personas
from tests.helpers import PRESENTER_PROFILE, presenter_for

PROFILE = PRESENTER_PROFILE


@pytest.fixture
def presenter_reviewer(db):
    return personas.reviewer("presenter-reviewer@portal.example.jp")


@pytest.fixture
def make_presenter(db):
    def make(status=Status.APPROVED, kind=Kind.PUBLIC, prefectures=("13",), user=None, **overrides):
        return presenter_for(user, status=status, kind=kind, prefectures=prefectures, **overrides)

    return make


def apply_form(**overrides) -> dict:
    data = {
        **{k: v for k, v in PROFILE.items() if not isinstance(v, bool) and k != "expertise"},
        "kind": "public",
        "prefectures": ["13", "14"],
        "expertise": ["basics", "phishing"],
        "show_name_kana": "on",
        "show_affiliation": "on",
        "show_expertise": "on",
        "show_bio": "on",
        "charter": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
