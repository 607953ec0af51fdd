"""A later revision of the questionnaire never changes a stored result."""

import django.apps

from diagnosis.content import FIXTURES, load_questionnaire
from diagnosis.models import Questionnaire
from tests.helpers import form_data


def test_a_new_version_leaves_old_results_alone(client_for, complete, organisation, admin, tmp_path):
    old = complete(organisation, "yes", q1="no")
    original_question = old.questionnaire.items.get(number=1).question
    revised = (FIXTURES / "questionnaire_2026.toml").read_text(encoding="utf-8")
    revised = revised.replace('version = "2026.1"', 'version = "2027.1"', 1)
    revised = revised.replace(original_question, "改訂後の設問1ですか？", 1)
    (tmp_path / "revised.toml").write_text(revised, encoding="utf-8")
    load_questionnaire(django.apps.apps, str(tmp_path / "revised.toml"))

    assert Questionnaire.objects.get(is_current=True).version == "2027.1"
    client = client_for(admin)
    body = client.get(old.get_absolute_url()).content.decode()
    assert 'data-testid="total-score">96<' in body
    old.refresh_from_db()
    assert (old.questionnaire.version, old.total_score) == ("2026.1", 96)

    take = client.get("/diagnosis/take/").content.decode()
    assert "改訂後の設問1ですか？" in take
    # A form rendered before the revision is refused, not scored against the new version.
    response = client.post("/diagnosis/take/", form_data())
    assert response.status_code == 400
    assert "設問が改訂されました" in response.content.decode()


def test_loading_the_same_version_twice_is_harmless(questionnaire):
    before = (questionnaire.items.count(), questionnaire.options.count(), questionnaire.bands.count())
    load_questionnaire(django.apps.apps, "questionnaire_2026.toml")
    assert (
        (questionnaire.items.count(), questionnaire.options.count(), questionnaire.bands.count())
        == before
        == (
            25,
            4,
            4,
        )
    )
