import re
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from diagnosis import services
from diagnosis.models import Assessment, ShareLink, Status
from diagnosis.views import SESSION_RESULTS
from tests.helpers import form_data

TAKE = "/diagnosis/take/"


class TestTaking:
    def test_anonymous_visitor_sees_25_items_grouped_by_part(self, client, questionnaire):
        body = client.get(TAKE).content.decode()
        assert body.count('class="question ') == 25
        for title in ["基本的対策", "従業員としての対策", "組織としての対策"]:
            assert title in body
        assert 'name="q25" value="unknown"' in body
        assert "一時保存" not in body  # drafts need an organisation

    def test_anonymous_result_is_shown_and_remembered_in_the_session(self, client, questionnaire):
        response = client.post(TAKE, form_data("yes", q3="unknown") | {"industry": "E", "size_band": "6-20"})
        assessment = Assessment.objects.get()
        assert response["Location"] == assessment.get_absolute_url()
        assert assessment.organisation is None
        assert assessment.total_score == 95
        assert (assessment.stats_industry, assessment.stats_size_band) == ("E", "6-20")
        assert client.session[SESSION_RESULTS] == [str(assessment.uuid)]
        body = client.get(response["Location"]).content.decode()
        assert 'data-testid="total-score">95<' in body
        assert "「わからない」が1問あります" in body

    def test_a_missing_answer_is_highlighted_and_every_other_answer_kept(self, client, questionnaire):
        data = form_data("partly")
        del data["q7"]
        response = client.post(TAKE, data)
        assert response.status_code == 400
        body = response.content.decode()
        assert "まだ回答していない設問があります" in body
        assert '<a href="#item-7">設問7「' in body
        assert 'id="item-7-error"' in body
        assert body.count("checked") == 24
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("value", ["maybe", "4", ""])
    def test_a_value_outside_the_scale_is_refused(self, client, questionnaire, value):
        response = client.post(TAKE, form_data(q5=value))
        assert response.status_code == 400
        assert 'id="item-5-error"' in response.content.decode()
        assert not Assessment.objects.exists()

    def test_a_duplicated_item_is_refused(self, client, questionnaire):
        data = form_data()
        payload = "&".join(f"{k}={v}" for k, v in data.items()) + "&q9=no"
        response = client.post(TAKE, payload, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400
        assert "回答が重複しています" in response.content.decode()
        assert not Assessment.objects.exists()

    def test_a_tampered_questionnaire_version_saves_nothing(self, client, questionnaire):
        response = client.post(TAKE, {**form_data(), "questionnaire": "1999.9"})
        assert response.status_code == 400
        assert "設問が改訂されました" in response.content.decode()
        assert not Assessment.objects.exists()

    def test_a_member_answers_for_the_current_organisation(
        self, client_for, questionnaire, organisation, member
    ):
        client = client_for(member)
        assert "株式会社さくら精機" in client.get(TAKE).content.decode()
        client.post(TAKE, form_data())
        assessment = Assessment.objects.get()
        assert assessment.organisation == organisation
        assert assessment.created_by == member
        assert assessment.counted_in_statistics

    def test_a_member_saves_a_draft_and_comes_back(self, client_for, questionnaire, organisation, member):
        client = client_for(member)
        response = client.post(TAKE, {"questionnaire": "2026.1", "q1": "yes", "q2": "no", "action": "draft"})
        assert response.status_code == 302
        draft = Assessment.objects.get(status=Status.DRAFT)
        assert draft.answers == {"1": "yes", "2": "no"}
        body = client.get(TAKE).content.decode()
        assert (
            'value="yes" id="id_q1_0"\n             \n             checked' in body
            or body.count("checked") == 2
        )


class TestResultAccess:
    @pytest.mark.parametrize(
        "persona,expected", [("admin", 200), ("member", 200), ("outsider", 404), (None, 404)]
    )
    def test_an_organisations_result(self, request, client_for, complete, organisation, persona, expected):
        assessment = complete(organisation)
        client = client_for(request.getfixturevalue(persona) if persona else None)
        assert client.get(assessment.get_absolute_url()).status_code == expected
        assert client.get(reverse("diagnosis:report_pdf", args=[assessment.uuid])).status_code == expected

    def test_someone_elses_anonymous_result_is_404(self, client, complete):
        assessment = complete(None)
        assert client.get(assessment.get_absolute_url()).status_code == 404

    def test_an_unknown_uuid_is_404(self, client, questionnaire):
        assert client.get("/diagnosis/results/00000000-0000-0000-0000-000000000000/").status_code == 404
        assert client.get("/diagnosis/results/not-a-uuid/").status_code == 404


class TestSavingAnAnonymousResult:
    def test_login_then_save_into_the_chosen_organisation(self, client, questionnaire, organisation, admin):
        client.post(TAKE, form_data("partly"))
        assessment = Assessment.objects.get()
        save_url = reverse("diagnosis:save", args=[assessment.uuid])
        response = client.get(save_url)
        assert response["Location"].startswith(reverse("account_login"))
        client.force_login(admin)  # the session, and so the anonymous result, survives the login
        assert "株式会社さくら精機" in client.get(save_url).content.decode()
        client.post(save_url, {"organisation": organisation.pk})
        assessment.refresh_from_db()
        assert assessment.organisation == organisation
        assert assessment.counted_in_statistics

    def test_cannot_save_into_an_organisation_one_is_not_a_member_of(
        self, client, questionnaire, admin, other_organisation
    ):
        client.post(TAKE, form_data())
        assessment = Assessment.objects.get()
        client.force_login(admin)
        response = client.post(
            reverse("diagnosis:save", args=[assessment.uuid]), {"organisation": other_organisation.pk}
        )
        assert response.status_code == 404
        assessment.refresh_from_db()
        assert assessment.organisation is None


class TestHistory:
    def test_lists_the_current_organisations_results(
        self, client_for, complete, organisation, member, other_organisation
    ):
        mine = [complete(organisation, "no"), complete(organisation, "yes")]
        complete(other_organisation, "partly")
        body = client_for(member).get(reverse("diagnosis:history")).content.decode()
        for assessment in mine:
            assert assessment.get_absolute_url() in body
        assert body.count("/diagnosis/results/") == 2 * 2  # link and PDF per result
        assert "<svg" in body  # the trend chart

    def test_empty_state(self, client_for, questionnaire, organisation, member):
        assert (
            "まだ診断結果がありません"
            in client_for(member).get(reverse("diagnosis:history")).content.decode()
        )

    def test_only_admins_change_statistics_sharing(
        self, client_for, questionnaire, organisation, admin, member
    ):
        url = reverse("diagnosis:statistics_sharing")
        assert client_for(member).post(url, {}).status_code == 403
        client_for(admin).post(url, {})
        organisation.refresh_from_db()
        assert organisation.exclude_from_statistics


class TestShareLinks:
    def test_admin_creates_a_link_that_anyone_can_open(self, client_for, complete, organisation, admin):
        assessment = complete(organisation, "yes", q4="no")
        client_for(admin).post(reverse("diagnosis:share_create", args=[assessment.uuid]), {"expires_on": ""})
        link = ShareLink.objects.get()
        client_for(None).logout()
        from django.test import Client

        stranger = Client()
        body = stranger.get(link.get_absolute_url()).content.decode()
        assert 'data-testid="total-score">96<' in body
        assert "株式会社さくら精機" in body
        assert stranger.get(reverse("diagnosis:shared_pdf", args=[link.token])).status_code == 200

    def test_members_cannot_create_links(self, client_for, complete, organisation, member):
        assessment = complete(organisation)
        response = client_for(member).post(reverse("diagnosis:share_create", args=[assessment.uuid]), {})
        assert response.status_code == 403
        assert not ShareLink.objects.exists()

    @pytest.mark.parametrize("state", ["revoked", "expired", "deleted"])
    def test_revoked_expired_or_deleted_is_404(self, client, complete, organisation, admin, state):
        assessment = complete(organisation)
        link = services.share_link_create(assessment=assessment, user=admin, expires_on=None)
        if state == "revoked":
            services.share_link_revoke(link=link)
        elif state == "expired":
            ShareLink.objects.filter(pk=link.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
        else:
            services.assessment_delete(assessment=assessment)
        assert client.get(f"/diagnosis/shared/{link.token}/").status_code == 404
        assert client.get(f"/diagnosis/shared/{link.token}/report.pdf").status_code == 404

    def test_a_past_expiry_date_is_refused(self, client_for, complete, organisation, admin):
        assessment = complete(organisation)
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        response = client_for(admin).post(
            reverse("diagnosis:share_create", args=[assessment.uuid]), {"expires_on": yesterday}, follow=True
        )
        assert "今日以降の日付" in response.content.decode()
        assert not ShareLink.objects.exists()

    def test_an_outsider_cannot_revoke(self, client_for, complete, organisation, admin, outsider):
        link = services.share_link_create(assessment=complete(organisation), user=admin, expires_on=None)
        assert client_for(outsider).post(reverse("diagnosis:share_revoke", args=[link.pk])).status_code == 404
        link.refresh_from_db()
        assert link.revoked_at is None


def test_pdf_report_embeds_the_japanese_font_and_shows_the_score(
    client_for, complete, organisation, admin, tmp_path
):
    assessment = complete(organisation, "yes", q1="no", q2="unknown")
    response = client_for(admin).get(reverse("diagnosis:report_pdf", args=[assessment.uuid]))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"IPAexGothic\s+CID TrueType\s+Identity-H\s+yes", fonts)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "セキュリティ健康診断 結果レポート" in text
    assert "株式会社さくら精機" in text
    assert re.search(r"\b91\s*/\s*100", text)  # 23 × 4 + 0 − 1
