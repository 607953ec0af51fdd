import csv
import io
import re
import subprocess

import pytest
import segno
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning import services
from learning.documents import certificate_context
from learning.models import Attempt, Certificate, Progress, Theme
from learning.quiz import DRAWN
from learning.selectors import quiz_questions
from portal.lib import pdf as pdf_lib
from tests.helpers import KEPT_SHELL_QUERIES, SHELL_QUERIES, theme_passed
from tests.learning.conftest import a_draw, right_answers, wrong_answers


class TestLessonsAndQuiz:
    def test_the_list_shows_25_themes_with_status(self, client_for, member, theme1):
        client = client_for(member)
        client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
        body = client.get(reverse("learning:index")).content.decode()
        assert body.count('class="item-number"') == 25
        assert "学習中" in body
        assert "続きから（テーマ1）" in body

    def test_lesson_links_to_its_diagnosis_item_and_quiz(self, client, theme1):
        body = client.get(reverse("learning:theme", args=[1])).content.decode()
        assert theme1.scenario_title in body
        assert "/diagnosis/take/#item-1" in body
        assert reverse("learning:quiz", args=[1]) in body

    @pytest.mark.parametrize(
        "path", ["/learning/0/", "/learning/26/", "/learning/x/quiz/", "/learning/99/quiz/"]
    )
    def test_theme_numbers_outside_1_to_25_are_404(self, client, themes, path):
        assert client.get(path).status_code == 404

    def test_anonymous_visitors_try_and_see_feedback_without_a_record(self, client, theme1):
        response = client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
        body = response.content.decode()
        assert "正答" in body and "あなたの回答" in body
        assert f"{DRAWN - 1} / {DRAWN} 問正解" in body
        assert not Attempt.objects.exists()

    def test_failing_then_passing_stores_both_and_issues_one_certificate(self, client_for, member, theme1):
        client = client_for(member)
        client.post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
        response = client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        attempt = Attempt.objects.latest("created_at")
        assert response["Location"] == attempt.get_absolute_url()
        feedback = client.get(attempt.get_absolute_url()).content.decode()
        assert "合格です" in feedback
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))  # passing again
        assert Attempt.objects.filter(user=member).count() == 3
        assert Certificate.objects.filter(user=member).count() == 1
        progress = Progress.objects.get(user=member, theme=theme1)
        assert (progress.attempts, progress.best_correct, progress.passed_at is not None) == (3, 3, True)

    def test_a_missing_answer_keeps_the_others(self, client_for, member, theme1):
        data = right_answers(theme1)
        missing = next(key for key in data if key.startswith("q_"))
        del data[missing]
        response = client_for(member).post(reverse("learning:quiz", args=[1]), data)
        assert response.status_code == 400
        body = response.content.decode()
        assert "この問題に回答してください" in body
        assert body.count("checked") == len(data) - 1  # every answer given but the missing one
        assert not Attempt.objects.exists()

    def test_an_answer_from_another_question_is_refused(self, client_for, member, theme1, themes):
        data = right_answers(theme1)
        other_choice = Theme.objects.get(number=2).questions.first().choices.first()
        data[next(key for key in data if key.startswith("q_"))] = str(other_choice.pk)
        response = client_for(member).post(reverse("learning:quiz", args=[1]), data)
        assert "この問題の選択肢から選んでください" in response.content.decode()
        assert not Attempt.objects.exists()

    def test_someone_elses_attempt_is_404(self, client_for, member, outsider, theme1):
        client_for(member).post(reverse("learning:quiz", args=[1]), wrong_answers(theme1))
        attempt = Attempt.objects.get()
        assert client_for(outsider).get(attempt.get_absolute_url()).status_code == 404


class TestProgressCounting:
    """An attempt that can issue nothing is counted in one UPDATE of its progress row."""

    def attempt(self, member, theme, answers):
        """Record the answers of a quiz form (`right_answers`, `wrong_answers`) as the view does."""
        questions = a_draw(theme).questions
        chosen = {q.pk: int(answers[f"q_{q.pk}"]) for q in questions}
        return services.attempt_record(
            user=member, theme=theme, graded=services.quiz_grade(questions=questions, answers=chosen)
        )

    def test_a_fail_and_a_second_pass_update_the_row_without_reading_it(self, member, theme1):
        self.attempt(member, theme1, right_answers(theme1))
        passed = Progress.objects.get(user=member, theme=theme1)
        for answers in (wrong_answers(theme1), right_answers(theme1)):
            with CaptureQueriesContext(connection) as queries:
                _attempt, issued = self.attempt(member, theme1, answers)
            assert issued == []
            progress_statements = [
                q["sql"] for q in queries.captured_queries if "learning_progress" in q["sql"]
            ]
            assert len(progress_statements) == 1 and "UPDATE learning_progress" in progress_statements[0]
            attempt_statements = [
                q["sql"] for q in queries.captured_queries if "learning_attempt" in q["sql"]
            ]
            assert len(attempt_statements) == 1
            # On PostgreSQL one statement writes both (learning.services._recorded_and_counted).
            assert (attempt_statements == progress_statements) == (connection.vendor == "postgresql")
        progress = Progress.objects.get(user=member, theme=theme1)
        assert (progress.attempts, progress.best_correct, progress.total) == (3, DRAWN, DRAWN)
        assert progress.passed_at == passed.passed_at
        assert progress.updated_at > passed.updated_at
        assert Certificate.objects.filter(user=member).count() == 1

    def test_a_better_fail_raises_the_best_score_and_a_worse_one_keeps_it(self, member, theme1):
        quiz = a_draw(theme1)

        def scoring(right):  # the form data of `right` of the DRAWN questions answered right
            data = right_answers(theme1, quiz=quiz)
            for question in quiz.questions[right:]:
                data[f"q_{question.pk}"] = str(next(c.pk for c in question.choices.all() if not c.is_correct))
            return data

        self.attempt(member, theme1, scoring(0))  # the first attempt makes the row
        for right, best in ((1, 1), (0, 1), (2, 2), (DRAWN, DRAWN), (1, DRAWN)):
            self.attempt(member, theme1, scoring(right))
            progress = Progress.objects.get(user=member, theme=theme1)
            assert progress.best_correct == best
        assert progress.attempts == 6 and progress.total == DRAWN and progress.passed_at is not None
        assert progress.updated_at > progress.passed_at

    def test_a_first_pass_after_fails_still_issues_the_certificate(self, member, theme1):
        self.attempt(member, theme1, wrong_answers(theme1))
        self.attempt(member, theme1, wrong_answers(theme1))
        _attempt, issued = self.attempt(member, theme1, right_answers(theme1))
        assert [certificate.theme for certificate in issued] == [theme1]
        progress = Progress.objects.get(user=member, theme=theme1)
        assert (progress.attempts, progress.best_correct, progress.passed_at is not None) == (3, DRAWN, True)


class TestProgressAndCertificates:
    def test_progress_states(self, client_for, member, themes):
        theme1, theme2 = Theme.objects.get(number=1), Theme.objects.get(number=2)
        client = client_for(member)
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        client.post(reverse("learning:quiz", args=[2]), wrong_answers(theme2))
        rows = {
            row.theme.number: row.status for row in client.get(reverse("learning:progress")).context["rows"]
        }
        assert (rows[1], rows[2], rows[3]) == ("passed", "in_progress", "not_started")

    def test_all_25_passed_gives_the_overall_certificate(self, member, themes):

        for theme in themes:
            questions = quiz_questions(theme)
            answers = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
            services.attempt_record(
                user=member, theme=theme, graded=services.quiz_grade(questions=questions, answers=answers)
            )
        assert Certificate.objects.filter(user=member).count() == 26
        assert Certificate.objects.filter(user=member, theme__isnull=True).count() == 1

    def test_a_retired_theme_is_not_needed_for_the_overall_certificate(self, member, themes):
        from django.utils import timezone

        retired, *in_use = themes
        type(retired).objects.filter(pk=retired.pk).update(retired_at=timezone.now())
        for theme in in_use:
            questions = quiz_questions(theme)
            answers = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
            services.attempt_record(
                user=member, theme=theme, graded=services.quiz_grade(questions=questions, answers=answers)
            )
        assert Certificate.objects.filter(user=member, theme__isnull=True).count() == 1

    def test_certificate_pdf_embeds_the_font_and_prints_the_fields(
        self, client_for, member, theme1, tmp_path
    ):
        client = client_for(member)
        client.post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        certificate = Certificate.objects.get()
        client.post(
            reverse("learning:certificate_name", args=[certificate.code]), {"name_printed": "鈴木 一郎"}
        )
        response = client_for(None).get(reverse("certificates:pdf", args=[certificate.code]))
        assert response["Content-Type"] == "application/pdf"
        pdf = tmp_path / "certificate.pdf"
        pdf.write_bytes(response.content)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"IPAexGothic\s+CID TrueType\s+Identity-H\s+yes", fonts)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        for expected in ["修", "鈴木 一郎", theme1.title, certificate.number, "SECURITY ACTION ポータル"]:
            assert expected in text, expected
        size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "landscape" in size or re.search(r"Page size:\s+841\.\d+ x 595", size)

    def test_certificate_pdfs_are_kept_in_the_file_storage_until_their_content_changes(
        self, client, member, theme1, settings
    ):
        from unittest import mock

        from django.core.files.storage import default_storage

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
        certificate = theme_passed(member, theme1)
        url = reverse("certificates:pdf", args=[certificate.code])
        with mock.patch("portal.lib.pdf.html_to_pdf", wraps=pdf_lib.html_to_pdf) as weasyprint:
            first, second = client.get(url).content, client.get(url).content
            assert first == second and weasyprint.call_count == 1
            _folders, kept = default_storage.listdir(f"generated/certificates/{certificate.code}")
            assert len(kept) == 1
            certificate.name_printed = "佐藤 花子"
            certificate.save()
            client.get(url)
            assert weasyprint.call_count == 2  # a new name prints a new PDF
            client.get(f"/en{url}")  # the English URL
            assert weasyprint.call_count == 3  # so does another language

    def test_a_new_certificate_is_rendered_ahead_in_both_languages_then_downloads_without_rendering(
        self, client, member, theme1, settings, django_capture_on_commit_callbacks
    ):
        from unittest import mock

        from django.core.files.storage import default_storage

        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
        }
        with mock.patch("portal.lib.pdf.html_to_pdf", wraps=pdf_lib.html_to_pdf) as weasyprint:
            with django_capture_on_commit_callbacks(execute=True):  # the job runs after the commit
                certificate = theme_passed(member, theme1)
            assert weasyprint.call_count == 2  # Japanese and English
            _folders, kept = default_storage.listdir(f"generated/certificates/{certificate.code}")
            assert sorted(name[:3] for name in kept) == ["en-", "ja-"]
            url = reverse("certificates:pdf", args=[certificate.code])
            japanese, english = client.get(url), client.get(f"/en{url}")
            assert japanese.status_code == english.status_code == 200
            assert japanese.content != english.content
            assert weasyprint.call_count == 2  # both downloads read the kept files
            from learning import jobs

            assert jobs.certificate_prerender(certificate.pk) is True
            assert weasyprint.call_count == 2  # idempotent: nothing rendered again
            services.certificate_revoke(certificate=certificate, reason="テスト")
            assert jobs.certificate_prerender(certificate.pk) is False

    def test_the_qr_code_encodes_the_verification_url(self, member, theme1, rf):
        certificate = theme_passed(member, theme1)
        url = "http://testserver" + certificate.get_absolute_url()
        context = certificate_context(certificate, url)
        assert context["qr"] == segno.make(url, error="m").svg_data_uri(scale=4, border=2)

    def test_the_qr_code_is_encoded_once_per_url(self, member, theme1, monkeypatch):
        from learning import documents

        certificate = theme_passed(member, theme1)
        documents.qr_code.cache_clear()
        encoded, make = [], segno.make
        monkeypatch.setattr(documents.segno, "make", lambda *a, **k: encoded.append(a) or make(*a, **k))
        first = certificate_context(certificate, "https://example.jp/c/1")["qr"]
        assert certificate_context(certificate, "https://example.jp/c/1")["qr"] == first
        assert certificate_context(certificate, "https://example.jp/c/2")["qr"] != first
        assert len(encoded) == 2

    def test_verification_page_shows_every_printed_field_and_revocation(self, client, member, theme1):
        certificate = theme_passed(member, theme1)
        body = client.get(certificate.get_absolute_url()).content.decode()
        for expected in [certificate.name_printed, theme1.title, certificate.number, "この修了証は有効です"]:
            assert expected in body
        services.certificate_revoke(certificate=certificate, reason="受講者からの申し出")
        body = client.get(certificate.get_absolute_url()).content.decode()
        assert "取り消されています" in body and "受講者からの申し出" in body

    def test_a_wrong_code_is_404(self, client, db):
        assert client.get("/certificates/not-a-code/").status_code == 404
        assert client.get("/certificates/not-a-code.pdf").status_code == 404

    def test_only_the_owner_renames(self, client_for, member, outsider, theme1):
        certificate = theme_passed(member, theme1)
        response = client_for(outsider).post(
            reverse("learning:certificate_name", args=[certificate.code]), {"name_printed": "偽名"}
        )
        assert response.status_code == 404
        certificate.refresh_from_db()
        assert certificate.name_printed != "偽名"


class TestEmployers:
    def test_admins_see_members_progress_and_csv(self, client_for, organisation, admin, member, theme1):
        client_for(member).post(reverse("learning:quiz", args=[1]), right_answers(theme1))
        client = client_for(admin)
        body = client.get(reverse("learning:team")).content.decode()
        assert member.email in body and "1 / 25" in body
        response = client.get(reverse("learning:team"), {"format": "csv"})
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "メールアドレス"
        assert [member.email, member.full_name, "1"] == rows[[r[0] for r in rows].index(member.email)][:3]

    def test_members_cannot_see_the_team(self, client_for, organisation, member, themes):
        assert client_for(member).get(reverse("learning:team")).status_code == 403


class TestQueries:
    @pytest.mark.parametrize("attempted", [0, 10])
    def test_list_and_progress_are_constant(
        self, client_for, member, themes, attempted, django_assert_num_queries
    ):

        for theme in themes[:attempted]:
            questions = quiz_questions(theme)
            answers = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
            services.attempt_record(
                user=member, theme=theme, graded=services.quiz_grade(questions=questions, answers=answers)
            )
        client = client_for(member)
        with django_assert_num_queries(SHELL_QUERIES + 2):  # shell + themes + progress
            client.get(reverse("learning:index"))
        # themes + progress + certificates (the account is kept since the first page)
        with django_assert_num_queries(KEPT_SHELL_QUERIES + 3):
            client.get(reverse("learning:progress"))

    def test_quiz_page(self, client, theme1, django_assert_num_queries):
        with django_assert_num_queries(3):  # theme + questions + choices
            client.get(reverse("learning:quiz", args=[1]))
