"""The team view: an organisation's members × the themes, for its admins (issue 16)."""

import csv
import io

import pytest
from django.urls import reverse

from tests import personas
from tests.helpers import SHELL_QUERIES, in_language, theme_passed
from tests.learning.conftest import wrong_answers


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


class TestTheMatrix:
    def test_admins_see_each_member_against_each_theme_with_titles_and_attempts(
        self, client_for, admin, member, themes
    ):
        client_for(member).post(reverse("learning:quiz", args=[2]), wrong_answers(themes[1]))
        certificate = theme_passed(member, themes[0])
        body = client_for(admin).get(reverse("learning:team")).content.decode()
        assert 'data-testid="team-matrix"' in body
        for theme in themes:
            assert theme.title in body
        assert certificate.get_absolute_url() in body  # the passed cell opens the certificate
        assert "1 / 25" in body
        assert body.count("1回") >= 2  # one attempt at theme 1, one at theme 2

    def test_the_organisation_menu_offers_it_to_admins_only(self, client_for, admin, member, themes):
        link = 'data-testid="team-learning-link"'
        assert link in client_for(admin).get(reverse("learning:index")).content.decode()
        assert link not in client_for(member).get(reverse("learning:index")).content.decode()

    def test_members_cannot_see_it(self, client_for, member, themes):
        assert client_for(member).get(reverse("learning:team")).status_code == 403

    @pytest.mark.parametrize("members", [1, 6])
    def test_queries_stay_constant_whatever_the_number_of_members(
        self, client_for, organisation, admin, themes, members, django_assert_num_queries
    ):
        for n in range(members):
            learner = personas.organisation_member(organisation, f"learner{n}@sakura.example.jp")
            for theme in themes[: n + 1]:
                theme_passed(learner, theme)
        client = client_for(admin)
        # shell + memberships + themes + progress + certificates
        with django_assert_num_queries(SHELL_QUERIES + 4):
            assert client.get(reverse("learning:team")).status_code == 200


class TestTheCsv:
    def test_headers_read_in_japanese(self, client_for, admin, member, themes):
        theme_passed(member, themes[0])
        rows = csv_rows(client_for(admin).get(reverse("learning:team"), {"format": "csv"}))
        assert rows[0][:5] == [
            "メールアドレス",
            "氏名",
            "合格したテーマの数",
            "最後に受験した日時",
            "修了証番号",
        ]
        assert rows[0][5] == f"1. {themes[0].title}" and len(rows[0]) == 5 + 25
        mine = rows[[r[0] for r in rows].index(member.email)]
        assert mine[1:3] == [member.full_name, "1"]
        assert mine[5] == "合格（受験1回）" and mine[6] == "未学習"

    def test_headers_read_in_english_for_an_english_reader(self, client_for, admin, member, themes):
        theme_passed(member, themes[0])
        client = in_language(client_for(admin), "en")
        rows = csv_rows(client.get(reverse("learning:team"), {"format": "csv"}))
        assert rows[0][:3] == ["Email address", "Full name", "Number of topics passed"]
        assert rows[0][5].startswith("1. ") and rows[0][5] != f"1. {themes[0].title_ja}"
        mine = rows[[r[0] for r in rows].index(member.email)]
        assert mine[5].startswith("Passed") and mine[6] == "Not started"
