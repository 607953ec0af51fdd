import pytest

from presenters import services
from presenters.models import Kind, Presenter, Status
from tests import personas
from tests.factories import UserFactory

PROFILE = {
    "name": "田中 誠",
    "name_kana": "たなか まこと",
    "nationwide": False,
    "affiliation": "ひかり情報サービス",
    "expertise": ",basics,phishing,",
    "expertise_other": "",
    "bio": "中小企業向けに10年間セキュリティ研修をしています。",
    "qualifications": "情報処理安全確保支援士",
    "contact_email": "tanaka-private@example.jp",
    "postal_address": "東京都千代田区秘密町1-2-3",
    "show_name_kana": True,
    "show_affiliation": True,
    "show_expertise": True,
    "show_bio": True,
    "show_qualifications": False,
    "show_email": False,
}


@pytest.fixture
def presenter_reviewer(db):
    return personas.reviewer("presenter-reviewer@portal.example.jp")


@pytest.fixture
def make_presenter(db):
    def make(status=Status.APPROVED, kind=Kind.PUBLIC, prefectures=("13",), user=None, **overrides):
        presenter = services.presenter_apply(
            user=user or UserFactory(), prefectures=list(prefectures), kind=kind, **{**PROFILE, **overrides}
        )
        if status != Status.PENDING:
            Presenter.objects.filter(pk=presenter.pk).update(status=status)
            presenter.refresh_from_db()
        return presenter

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
