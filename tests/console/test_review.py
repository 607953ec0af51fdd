"""The staff console's case page, its actions and the audit log (issue 16: the console's rough
edges)."""

import csv
import io
import re

import pytest
from django.urls import reverse

from console import audit_entries
from declaration.models import Declaration, Status
from portal.models import AuditEntry


@pytest.fixture
def pending(organisation, declare):
    """A ★★ declaration waiting for review (no ID yet)."""
    declaration = declare(organisation)
    Declaration.objects.filter(pk=declaration.pk).update(status=Status.PENDING, declaration_id=None)
    declaration.refresh_from_db()
    return declaration


class TestActions:
    def test_confirming_needs_no_reason(self, client_for, reviewer, pending):
        response = client_for(reviewer).post(
            reverse("review:act", args=[pending.pk, "confirm"]), {"reason": ""}
        )
        assert response.status_code == 302
        pending.refresh_from_db()
        assert pending.status == Status.ACTIVE and pending.declaration_id
        assert pending.events.filter(action="confirmed", reason="").exists()

    @pytest.mark.parametrize("action", ["correction", "suspend"])
    def test_refusing_and_suspending_still_need_one(
        self, client_for, reviewer, organisation, declare, action
    ):
        declaration = declare(organisation)
        client = client_for(reviewer)
        response = client.post(
            reverse("review:act", args=[declaration.pk, action]), {"reason": "  "}, follow=True
        )
        assert "理由を入力してください。" in response.content.decode()
        assert not declaration.events.filter(action__in=["correction", "suspended"]).exists()

    def test_the_confirm_form_says_the_reason_is_optional(self, client_for, reviewer, pending):
        page = client_for(reviewer).get(reverse("review:detail", args=[pending.pk])).content.decode()
        confirm = page[page.index(reverse("review:act", args=[pending.pk, "confirm"])) :]
        confirm = confirm[: confirm.index("</form>")]
        assert "理由（任意）" in confirm and "required" not in confirm


class TestCasePage:
    def test_links_the_corporate_number_and_the_organisation(
        self, client_for, reviewer, organisation, declare
    ):
        organisation.corporate_number = "1234567890123"
        organisation.save()
        declaration = declare(organisation)
        page = client_for(reviewer).get(reverse("review:detail", args=[declaration.pk])).content.decode()
        assert "https://www.houjin-bangou.nta.go.jp/henkorireki-johoto.html?selHouzinNo=1234567890123" in page
        assert reverse("admin:portal_organisation_change", args=[organisation.pk]) in page

    def test_links_the_diagnosis_the_declaration_was_made_with(
        self, client_for, reviewer, organisation, declare, complete, django_assert_max_num_queries
    ):
        assessment = complete(organisation, "yes", q1="no")
        declaration = declare(organisation)
        Declaration.objects.filter(pk=declaration.pk).update(assessment=assessment)
        client = client_for(reviewer)
        page = client.get(reverse("review:detail", args=[declaration.pk])).content.decode()
        url = reverse("review:declaration_diagnosis", args=[declaration.pk])
        assert url in page
        with django_assert_max_num_queries(12):
            diagnosis = client.get(url)
        assert diagnosis.status_code == 200
        body = diagnosis.content.decode()
        assert "96" in body and "実施していない" in body  # 24 × 4 + 0: the score, and the answers in words

    def test_no_diagnosis_is_404(self, client_for, reviewer, organisation, declare):
        declaration = declare(organisation)
        assert (
            client_for(reviewer)
            .get(reverse("review:declaration_diagnosis", args=[declaration.pk]))
            .status_code
            == 404
        )

    def test_the_diagnosis_is_for_reviewers_only(self, client_for, admin, organisation, declare):
        declaration = declare(organisation)
        assert (
            client_for(admin).get(reverse("review:declaration_diagnosis", args=[declaration.pk])).status_code
            == 403
        )

    def test_a_declaration_id_opens_its_case(self, client_for, reviewer, organisation, declare):
        declaration = declare(organisation)
        response = client_for(reviewer).get(
            reverse("review:declaration_by_id", args=[declaration.declaration_id])
        )
        assert response.url == reverse("review:detail", args=[declaration.pk])


class TestAuditLog:
    def test_every_action_the_sources_write_has_words(self):
        """Every literal code passed to audit() and every review transition has a label."""
        from pathlib import Path

        from django.conf import settings

        written = set()
        for path in Path(settings.BASE_DIR).glob("*/**/*.py"):
            if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
                continue
            written |= set(re.findall(r'audit\(\s*"([a-z_]+\.[a-z_]+)"', path.read_text()))
        from declaration.models import ReviewEvent
        from presenters.models import PresenterEvent

        written |= {f"declaration.{value}" for value in ReviewEvent.Action.values}
        written |= {f"presenter.{value}" for value in PresenterEvent.Action.values}
        assert written - set(audit_entries.ACTIONS) == set()
        assert {code.split(".")[0] for code in audit_entries.ACTIONS} <= set(audit_entries.KINDS)

    def test_actions_in_words_with_links(self, client_for, reviewer, organisation, declare):
        declaration = declare(organisation)
        AuditEntry.objects.create(action="declaration.submitted", target=declaration.declaration_id)
        AuditEntry.objects.create(
            action="presenter.approved", actor_email=reviewer.email, target="presenter 7"
        )
        AuditEntry.objects.create(action="something.new", target="x")
        page = client_for(reviewer).get(reverse("review:audit")).content.decode()
        assert "自己宣言の申込み" in page and "プレゼンターの承認" in page
        assert "something.new" in page  # an unknown code is shown as it is
        assert f'href="{reverse("review:declaration_by_id", args=[declaration.declaration_id])}"' in page
        assert f'href="{reverse("review:presenter", args=[7])}"' in page

    def test_in_english(self, client_for, reviewer):
        AuditEntry.objects.create(action="declaration.suspended", target="40000000017")
        client = client_for(reviewer)
        client.cookies["django_language"] = "en"
        page = client.get(reverse("review:audit"), follow=True).content.decode()
        assert "Declaration suspended" in page

    def test_filters_by_lists(self, client_for, reviewer, staff, db):
        AuditEntry.objects.create(action="declaration.suspended", actor_email=reviewer.email, actor=reviewer)
        AuditEntry.objects.create(action="declaration.confirmed", actor_email=staff.email, actor=staff)
        AuditEntry.objects.create(action="login.failed", actor_email="someone@example.jp")
        client = client_for(reviewer)

        def actions(**query):
            return [entry.action for entry in client.get(reverse("review:audit"), query).context["page"]]

        assert actions(action="declaration.suspended") == ["declaration.suspended"]
        assert sorted(actions(kind="declaration")) == ["declaration.confirmed", "declaration.suspended"]
        assert "login.failed" not in actions(kind="declaration")
        assert actions(actor=staff.email) == ["declaration.confirmed"]
        assert actions(actor="-", kind="login") == ["login.failed"]
        assert actions(kind="nonsense") != []  # an unknown kind filters nothing
        page = client.get(reverse("review:audit")).content.decode()
        assert f'<option value="{staff.email}"' in page and "someone@example.jp</option>" not in page
        assert '<optgroup label="自己宣言">' in page

    def test_csv_has_the_words_too(self, client_for, reviewer, db):
        AuditEntry.objects.create(action="declaration.suspended", target="40000000017")
        text = (
            client_for(reviewer).get(reverse("review:audit"), {"format": "csv"}).content.decode("utf-8-sig")
        )
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["created_at", "action", "action_label"]
        assert ["declaration.suspended", "自己宣言の停止"] in [row[1:3] for row in rows]

    @pytest.mark.parametrize("entries", [5, 45])
    def test_queries_do_not_grow_with_the_entries(
        self, client_for, reviewer, entries, django_assert_max_num_queries, db
    ):
        for n in range(entries):
            AuditEntry.objects.create(action="declaration.confirmed", target=f"4000000{n:04d}")
            AuditEntry.objects.create(action="presenter.approved", target=f"presenter {n}")
        client = client_for(reviewer)
        with django_assert_max_num_queries(8):
            assert client.get(reverse("review:audit")).status_code == 200
