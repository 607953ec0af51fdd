"""Nothing typed is lost on the way through the self-diagnosis (issue 16): a member's answers are
kept on the server as they go, a visitor's in the browser (the page carries what the script needs),
the error summary says what is missing, and an anonymous result follows its visitor into their
account — on this device or another."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from diagnosis.models import Assessment, Status
from diagnosis.visitors import SESSION_RESULTS, SESSION_SUBMITTED
from portal.models import User
from tests.factories import PASSWORD, UserFactory
from tests.helpers import SHELL_QUERIES, form_data, in_language

TAKE = "/diagnosis/take/"
DRAFT = "/diagnosis/take/draft/"


def post_draft(client, **answers):
    return client.post(DRAFT, {"questionnaire": "2026.1", **answers})


class TestMembersDraftIsKeptAsTheyAnswer:
    def test_the_take_page_tells_the_script_where_to_keep_the_draft(self, client_for, questionnaire, member):
        body = client_for(member).get(TAKE).content.decode()
        assert f'data-draft-url="{DRAFT}"' in body
        assert "data-has-draft" not in body
        assert "data-browser-draft" not in body  # a member's answers are not kept in the browser
        assert "回答は選ぶたびに自動で保存されます" in body

    def test_each_post_keeps_the_answers_so_far(self, client_for, questionnaire, organisation, member):
        client = client_for(member)
        response = post_draft(client, q1="yes")
        assert response.status_code == 200
        assert response.json()["saved"] is True
        assert response.json()["answered"] == 1
        assert re.fullmatch(r"\d{1,2}:\d{2}", response.json()["saved_at"])
        response = post_draft(client, q1="yes", q2="partly", q25="unknown")
        assert response.json()["answered"] == 3
        draft = Assessment.objects.get(status=Status.DRAFT)
        assert draft.organisation == organisation and draft.created_by == member
        assert draft.answers == {"1": "yes", "2": "partly", "25": "unknown"}

    def test_a_reload_shows_the_kept_answers(self, client_for, questionnaire, member):
        client = client_for(member)
        post_draft(client, q1="yes", q2="no")
        body = client.get(TAKE).content.decode()
        assert 'data-has-draft="1"' in body
        assert re.search(r'value="yes" id="id_q1_0"\s+checked', body)
        assert re.search(r'value="no" id="id_q2_2"\s+checked', body)
        assert "data-answered>2<" in body

    def test_completing_turns_the_draft_into_the_result(self, client_for, questionnaire, member):
        client = client_for(member)
        post_draft(client, q1="no")
        client.post(TAKE, form_data())
        assert Assessment.objects.get().status == Status.COMPLETED
        assert "data-has-draft" not in client.get(TAKE).content.decode()

    def test_nothing_answered_keeps_no_empty_draft(self, client_for, questionnaire, member):
        response = post_draft(client_for(member))
        assert response.json() == {"saved": False, "answered": 0}
        assert not Assessment.objects.exists()

    def test_a_changed_questionnaire_is_refused_with_the_reason(self, client_for, questionnaire, member):
        response = client_for(member).post(DRAFT, {"questionnaire": "1999.9", "q1": "yes"})
        assert response.status_code == 400
        assert "設問が改訂されました" in response.json()["errors"][0]
        assert not Assessment.objects.exists()

    def test_a_value_off_the_scale_is_refused(self, client_for, questionnaire, member):
        assert post_draft(client_for(member), q1="maybe").status_code == 400
        assert not Assessment.objects.exists()

    @pytest.mark.parametrize("who", ["anonymous", "without_organisation"])
    def test_only_members_of_an_organisation_keep_drafts(self, client_for, questionnaire, who):
        client = client_for(UserFactory() if who == "without_organisation" else None)
        assert post_draft(client, q1="yes").status_code == 403
        assert not Assessment.objects.exists()

    def test_needs_post_and_the_csrf_token(self, questionnaire, member):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        assert client.get(DRAFT).status_code == 405
        assert post_draft(client, q1="yes").status_code == 403
        assert not Assessment.objects.exists()

    def test_constant_queries(self, client_for, questionnaire, member, django_assert_max_num_queries):
        client = client_for(member)
        post_draft(client, q1="yes")  # the content is cached, the draft exists
        # the shell, the current questionnaire, update_or_create: its select and update inside
        # two savepoints (opened and released), and the organisation's members, whose kept
        # pages show the draft (portal/lib/kept_pages.py); the same for 1 answer or 25
        with django_assert_max_num_queries(SHELL_QUERIES + 8):
            post_draft(client, **{f"q{n}": "yes" for n in range(1, 26)})


class TestVisitorsAnswersAreKeptInTheBrowser:
    def test_the_take_page_names_the_storage_and_no_draft_url(self, client, questionnaire):
        body = client.get(TAKE).content.decode()
        assert 'data-store-key="diagnosis-answers:2026.1"' in body
        assert "data-draft-url" not in body
        assert 'name="browser_draft"' in body
        assert 'data-submitted=""' in body
        assert "回答はこのブラウザーに一時的に保存されます" in body
        # Said only when the script runs: without it nothing is kept in the browser.
        assert re.search(r"<span data-js-note hidden><br>回答はこのブラウザー", body)

    def test_a_completed_submission_is_echoed_so_the_browser_can_forget_it(self, client, questionnaire):
        client.post(TAKE, form_data() | {"browser_draft": "k1abc"})
        assert client.session[SESSION_SUBMITTED] == "k1abc"
        assert 'data-submitted="k1abc"' in client.get(TAKE).content.decode()

    def test_a_refused_submission_is_not_echoed(self, client, questionnaire):
        data = form_data() | {"browser_draft": "k2"}
        del data["q3"]
        response = client.post(TAKE, data)
        assert response.status_code == 400
        assert SESSION_SUBMITTED not in client.session
        assert 'data-bound="1"' in response.content.decode()  # the script stores what came back

    def test_the_echo_is_escaped(self, client, questionnaire):
        client.post(TAKE, form_data() | {"browser_draft": '"><script>x</script>'})
        body = client.get(TAKE).content.decode()
        assert "<script>x</script>" not in body


class TestTheErrorSummary:
    def test_lists_the_unanswered_items_by_number_and_topic(self, client, questionnaire):
        data = form_data()
        del data["q3"], data["q18"]
        body = client.post(TAKE, data).content.decode()
        assert "回答を確認してください" in body
        assert (
            "まだ回答していない設問があります。次の設問に回答してから、もう一度「結果を見る」を押してください。"
            in body
        )
        assert '<li data-item="3"><a href="#item-3">設問3「パスワードと多要素認証」</a></li>' in body
        assert '<li data-item="18">' in body
        assert "受け付けられませんでした" not in body
        # What the script shows once every item is answered is there, hidden.
        assert re.search(r"data-all-answered hidden>すべての設問に回答しました", body)

    def test_an_answer_off_the_scale_is_listed_apart(self, client, questionnaire):
        body = client.post(TAKE, form_data(q5="maybe")).content.decode()
        assert "まだ回答していない設問" not in body
        assert "次の設問の回答を受け付けられませんでした。" in body
        assert '<li data-item="5">' in body

    def test_in_english(self, client, questionnaire):
        data = form_data()
        del data["q3"]
        body = in_language(client, "en").post(TAKE, data).content.decode()
        assert re.search(
            r'<li data-item="3"><a href="#item-3">[^<]*Passwords and multi-factor authentication', body
        )


class TestAnAnonymousResultFollowsItsVisitor:
    def test_the_login_page_says_why_it_is_there(self, client, complete):
        client.post(TAKE, form_data())
        assessment = Assessment.objects.get()
        save = reverse("diagnosis:save", args=[assessment.uuid])
        response = client.get(save, follow=True)
        body = response.content.decode()
        assert 'data-testid="login-reason"' in body
        assert "診断結果を保存するには、ログインしてください。" in body
        # The sign-up link keeps the way back to saving, and says the same.
        signup = re.search(r'href="(/accounts/signup/\?next=[^"]+)"', body).group(1)
        assert "診断結果を保存するには" in client.get(signup.replace("&amp;", "&")).content.decode()

    def test_no_reason_for_other_pages(self, client, db):
        body = client.get(reverse("account_login") + "?next=/diagnosis/history/").content.decode()
        assert 'data-testid="login-reason"' not in body
        body = client.get(reverse("account_login") + "?next=//evil.example.com/").content.decode()
        assert 'data-testid="login-reason"' not in body

    def test_sign_up_puts_the_result_in_the_new_accounts_name(
        self, client, questionnaire, django_capture_on_commit_callbacks
    ):
        client.post(TAKE, form_data())
        assessment = Assessment.objects.get()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("account_signup") + "?next=" + reverse("diagnosis:save", args=[assessment.uuid]),
                {
                    "email": "owner@example.jp",
                    "full_name": "中村 洋子",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            )
        assessment.refresh_from_db()
        assert assessment.created_by == User.objects.get(email="owner@example.jp")
        assert assessment.organisation is None and not assessment.counted_in_statistics

    def test_verifying_in_the_same_browser_logs_in_and_goes_on_to_saving(
        self, client, questionnaire, django_capture_on_commit_callbacks
    ):
        client.post(TAKE, form_data())
        save = reverse("diagnosis:save", args=[Assessment.objects.get().uuid])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("account_signup") + "?next=" + save,
                {
                    "email": "owner@example.jp",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                    "full_name": "中村",
                },
            )
        link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)
        response = client.post(link)
        assert response.status_code == 302 and response["Location"] == save
        assert "診断結果を保存する" in client.get(save).content.decode()

    def test_verifying_on_another_device_then_logging_in_brings_the_result_back(
        self, client, questionnaire, organisation, django_capture_on_commit_callbacks
    ):
        client.post(TAKE, form_data("partly"))
        assessment = Assessment.objects.get()
        save = reverse("diagnosis:save", args=[assessment.uuid])
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("account_signup") + "?next=" + save,
                {
                    "email": "owner@example.jp",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                    "full_name": "中村",
                },
            )
        link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(1)

        phone = Client()  # the mail opened on another device: no session of the visitor's
        phone.post(link)
        # Without the session the result is explained, not a bare 404.
        response = phone.get(assessment.get_absolute_url())
        assert response.status_code == 404
        body = response.content.decode()
        assert "この診断結果はここでは表示できません" in body
        assert "ログインして結果を表示する" in body

        response = phone.post(
            reverse("account_login"), {"login": "owner@example.jp", "password": PASSWORD}, follow=True
        )
        body = response.content.decode()
        assert "がまだ組織に保存されていません。" in body
        assert f'href="{save}"' in body
        assert str(assessment.uuid) in phone.session[SESSION_RESULTS]
        assert phone.get(assessment.get_absolute_url()).status_code == 200
        assert "診断結果を保存する" in phone.get(save).content.decode()

    def test_the_owner_sees_their_result_after_login_even_without_the_message(self, client, complete):
        owner = UserFactory()
        assessment = complete(None)
        Assessment.objects.filter(pk=assessment.pk).update(created_by=owner)
        client.force_login(owner)
        assert client.get(assessment.get_absolute_url()).status_code == 200

    def test_someone_elses_result_stays_out_of_reach(self, client, complete):
        assessment = complete(None, user=UserFactory())
        client.force_login(UserFactory())
        response = client.get(assessment.get_absolute_url())
        assert response.status_code == 404
        assert "いまログインしているアカウントには、この結果がありません" in response.content.decode()
        assert client.get(reverse("diagnosis:save", args=[assessment.uuid])).status_code == 404
        assert client.get(reverse("diagnosis:report_pdf", args=[assessment.uuid])).status_code == 404

    def test_a_saved_result_is_not_offered_again(self, client, complete, organisation, admin):
        assessment = complete(None, user=admin)
        Assessment.objects.filter(pk=assessment.pk).update(organisation=organisation)
        response = client.post(
            reverse("account_login"), {"login": admin.email, "password": PASSWORD}, follow=True
        )
        assert "まだ組織に保存されていません" not in response.content.decode()

    def test_the_diagnosis_industry_and_size_prefill_the_organisation_form(self, client, questionnaire):
        client.post(TAKE, form_data() | {"industry": "E", "size_band": "6-20"})
        assessment = Assessment.objects.get()
        client.force_login(UserFactory())
        body = client.get(reverse("diagnosis:save", args=[assessment.uuid])).content.decode()
        new = re.search(r'href="(/organisations/new/\?[^"]+)"', body).group(1).replace("&amp;", "&")
        assert "industry=E" in new and "size_band=6-20" in new
        form = client.get(new).content.decode()
        assert re.search(r'<option value="E"[^>]*selected', form)
        assert re.search(r'<option value="6-20"[^>]*selected', form)
