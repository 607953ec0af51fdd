"""Yearly re-confirmation: reminders 30 and 7 days before, exactly once each; 要再確認 after the
due date and the grace period; re-confirming restores the declaration with the same ID.

The clock moves by date, never by sleeping: the jobs take `today`, and pages read a patched
`timezone.localdate`.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from declaration import jobs, services
from declaration.models import Declaration, ReconfirmationReminder, ReviewEvent, Stars, Status
from portal.models import AuditEntry
from tests.declaration.conftest import apply_data

Action = ReviewEvent.Action
PLEDGES = {f"pledge_{n}": "on" for n in range(1, 6)}


@pytest.fixture
def declared(declare, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        declaration = declare(organisation)
    mail.outbox.clear()
    return declaration


def run_day(day: date, capture) -> dict[str, int]:
    """The hourly job, as it runs on `day` (its mail is sent after the commit)."""
    with capture(execute=True):
        return {
            "reminded": services.reconfirmation_remind(today=day),
            "lapsed": services.reconfirmation_lapse(today=day),
        }


@pytest.fixture
def on_day(monkeypatch):
    """Make pages and services see `day` as today."""

    def move(day: date):
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return move


def test_the_due_date_is_twelve_months_after_the_id_is_issued(declared):
    issued = declared.declared_on
    assert declared.reconfirm_by == services.add_months(issued, 12)
    assert services.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert services.add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_re_confirmation_can_be_turned_off(
    declare, organisation, settings, django_capture_on_commit_callbacks
):
    settings.DECLARATION_RECONFIRM_MONTHS = 0
    declaration = declare(organisation)
    assert declaration.reconfirm_by is None
    assert run_day(timezone.localdate() + timedelta(days=800), django_capture_on_commit_callbacks) == {
        "reminded": 0,
        "lapsed": 0,
    }


def test_reminders_go_out_30_and_7_days_before_exactly_once_each(
    declared, django_capture_on_commit_callbacks
):
    due = declared.reconfirm_by
    sent_on = {}
    # Every day from 40 days before to the due date, the job running twice a day.
    for offset in range(40, -1, -1):
        day = due - timedelta(days=offset)
        for _run in range(2):
            if run_day(day, django_capture_on_commit_callbacks)["reminded"]:
                sent_on[offset] = len(mail.outbox)
    assert sorted(sent_on) == [7, 30]
    assert len(mail.outbox) == 2
    first, second = mail.outbox
    assert first.to == second.to == ["soumu@sakura.example.jp"]
    assert "あと30日" in first.body and "あと7日" in second.body
    assert declared.declaration_id in first.body
    assert reverse("declaration:reconfirm") in first.body
    assert set(ReconfirmationReminder.objects.values_list("days_before", flat=True)) == {30, 7}
    assert declared.events.filter(action=Action.REMINDED).count() == 2
    assert AuditEntry.objects.filter(action="declaration.reminded").count() == 2
    declared.refresh_from_db()
    assert declared.status == Status.ACTIVE  # a reminder changes nothing else


def test_a_late_job_sends_the_reminder_that_fits_not_every_earlier_one(
    declared, django_capture_on_commit_callbacks
):
    day = declared.reconfirm_by - timedelta(days=3)  # the worker was down for four weeks
    assert run_day(day, django_capture_on_commit_callbacks)["reminded"] == 1
    assert "あと7日" in mail.outbox[0].body


def test_the_reminder_is_in_the_recipients_language(
    declare, organisation, django_capture_on_commit_callbacks
):
    from django.utils import translation

    with translation.override("en"):
        declaration = declare(organisation)  # declared on the English pages
    run_day(declaration.reconfirm_by - timedelta(days=30), django_capture_on_commit_callbacks)
    (message,) = mail.outbox
    assert message.subject.isascii()
    assert "re-confirm" in message.body.lower()


def test_lapse_after_the_grace_period_and_restore_with_the_same_id(
    declared, client_for, admin, settings, on_day, django_capture_on_commit_callbacks
):
    settings.DECLARATION_RECONFIRM_GRACE_DAYS = 14
    due, the_id = declared.reconfirm_by, declared.declaration_id
    assert run_day(due + timedelta(days=14), django_capture_on_commit_callbacks)["lapsed"] == 0
    lapse_day = due + timedelta(days=15)
    assert run_day(lapse_day, django_capture_on_commit_callbacks)["lapsed"] == 1
    assert run_day(lapse_day, django_capture_on_commit_callbacks)["lapsed"] == 0  # once
    declared.refresh_from_db()
    assert declared.status == Status.LAPSED
    assert "要再確認" in mail.outbox[-1].subject
    assert AuditEntry.objects.filter(action="declaration.lapsed").count() == 1

    client = client_for(None)
    verification = client.get(f"/registry/{the_id}/").content.decode()
    assert "要再確認：この自己宣言は" in verification
    assert "要再確認" in client.get(f"/registry/{the_id}/badge.svg").content.decode()
    api = client.get(f"/api/v1/declarations/{the_id}").json()
    assert (api["status"], api["reconfirm_by"]) == ("lapsed", due.isoformat())
    assert the_id not in client.get("/registry/").content.decode()  # gone from the default search
    assert the_id in client.get("/registry/", {"lapsed": "on"}).content.decode()
    assert the_id not in client.get("/api/v1/declarations").content.decode()

    on_day(lapse_day)
    client = client_for(admin)
    mine = client.get(reverse("declaration:mine")).content.decode()
    assert 'data-testid="lapsed-banner"' in mine
    response = client.post(reverse("declaration:reconfirm"), PLEDGES)
    assert response.status_code == 302
    declared.refresh_from_db()
    assert (declared.status, declared.declaration_id) == (Status.ACTIVE, the_id)
    assert declared.reconfirmed_on == lapse_day
    assert declared.reconfirm_by == services.add_months(lapse_day, 12)
    event = declared.events.filter(action=Action.RECONFIRMED).get()
    assert (event.from_status, event.to_status, event.actor) == (Status.LAPSED, Status.ACTIVE, admin)
    assert AuditEntry.objects.filter(action="declaration.reconfirmed", actor=admin).exists()

    public = client_for(None)
    assert "この自己宣言は有効です" in public.get(f"/registry/{the_id}/").content.decode()  # at once
    assert public.get(f"/api/v1/declarations/{the_id}").json()["status"] == "active"
    assert the_id in public.get("/registry/").content.decode()


def test_re_confirming_in_time_keeps_the_days_left(declared, client_for, admin, on_day):
    due = declared.reconfirm_by
    on_day(due - timedelta(days=20))
    response = client_for(admin).post(reverse("declaration:reconfirm"), PLEDGES)
    assert response.status_code == 302
    declared.refresh_from_db()
    assert declared.reconfirm_by == services.add_months(due, 12)
    assert declared.events.filter(action=Action.RECONFIRMED, from_status=Status.ACTIVE).exists()


def test_the_page_says_when_re_confirmation_opens(declared, client_for, admin, on_day):
    on_day(declared.reconfirm_by - timedelta(days=90))
    client = client_for(admin)
    page = client.get(reverse("declaration:reconfirm")).content.decode()
    assert 'data-testid="not-yet"' in page and 'name="pledge_1"' not in page
    assert 'data-testid="reconfirm-banner"' not in client.get(reverse("declaration:mine")).content.decode()
    with pytest.raises(ValidationError, match="30日前から"):
        services.declaration_reconfirm(
            declaration=declared, user=admin, today=declared.reconfirm_by - timedelta(days=90)
        )
    on_day(declared.reconfirm_by - timedelta(days=30))
    assert 'data-testid="reconfirm-banner"' in client.get(reverse("declaration:mine")).content.decode()


def test_every_pledge_is_needed_and_nothing_is_lost(declared, client_for, admin, on_day):
    on_day(declared.reconfirm_by - timedelta(days=5))
    response = client_for(admin).post(reverse("declaration:reconfirm"), {"pledge_1": "on", "pledge_2": "on"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "5か条のすべてに引き続き取り組むことを確かめてください" in body
    assert body.count("checked") == 2  # what was ticked stays ticked
    declared.refresh_from_db()
    assert declared.reconfirmed_on is None


def test_two_stars_need_a_recent_diagnosis_and_the_policy_again(
    declare, organisation, admin, complete, client_for, on_day
):
    first = complete(organisation)
    declaration = declare(organisation, Stars.TWO, policy_url="https://sakura.example.jp/policy")
    day = declaration.reconfirm_by - timedelta(days=10)
    on_day(day)
    type(first).objects.filter(pk=first.pk).update(completed_at=first.completed_at - timedelta(days=400))
    client = client_for(admin)
    response = client.post(
        reverse("declaration:reconfirm"),
        {**PLEDGES, "policy_source": "url", "policy_url": "https://sakura.example.jp/policy"},
    )
    assert response.status_code == 200
    assert "12か月以内の自社診断" in response.content.decode()
    complete(organisation)  # a fresh diagnosis
    response = client.post(
        reverse("declaration:reconfirm"),
        {**PLEDGES, "policy_source": "url", "policy_url": "https://sakura.example.jp/policy"},
    )
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.reconfirmed_on == day


def test_only_the_organisations_admin_re_confirms(declared, client_for, member, outsider, on_day):
    on_day(declared.reconfirm_by - timedelta(days=5))
    # A member reads the declaration but may not act for the organisation; an outsider's own
    # organisation has no declaration.
    assert client_for(member).post(reverse("declaration:reconfirm"), PLEDGES).status_code == 403
    assert client_for(outsider).post(reverse("declaration:reconfirm"), PLEDGES).status_code == 404
    assert Client().get(reverse("declaration:reconfirm")).status_code == 302  # to sign in
    declared.refresh_from_db()
    assert declared.reconfirmed_on is None


def test_the_statistics_show_re_confirmation_rates(
    declare, organisation, other_organisation, client, settings, django_capture_on_commit_callbacks
):
    settings.DECLARATION_RECONFIRM_GRACE_DAYS = 0
    first = declare(organisation)
    second = declare(other_organisation)
    body = client.get("/registry/statistics/").content.decode()
    assert "過去12か月に再確認の期限を迎えた宣言はまだありません" in body
    services.declaration_reconfirm(declaration=first, user=None, today=first.reconfirm_by)
    run_day(second.reconfirm_by + timedelta(days=1), django_capture_on_commit_callbacks)
    assert Declaration.objects.get(pk=second.pk).status == Status.LAPSED
    body = client.get("/registry/statistics/").content.decode()
    assert '期限までに再確認された</th><td class="text-end">1（50.0%）' in body
    assert '現在、要再確認の宣言</th><td class="text-end">1' in body


def test_the_scheduled_job_reminds_and_lapses(declared, monkeypatch):
    due = declared.reconfirm_by
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: due - timedelta(days=30))
    assert jobs.reconfirmation() == {"reminded": 1, "lapsed": 0}
    assert jobs.reconfirmation() == {"reminded": 0, "lapsed": 0}


def test_declarations_issued_before_re_confirmation_get_a_due_date(declare, organisation, other_organisation):
    """The migration gives every issued declaration a due date: a year after it was issued, and
    far enough away that both reminders go out."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("declaration.migrations.0007_reconfirmation")
    today = timezone.localdate()
    old, recent = declare(organisation), declare(other_organisation)
    Declaration.objects.filter(pk=old.pk).update(declared_on=date(2024, 2, 29), reconfirm_by=None)
    Declaration.objects.filter(pk=recent.pk).update(
        declared_on=today - timedelta(days=100), reconfirm_by=None
    )
    migration.give_due_dates(apps, None)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.reconfirm_by == today + timedelta(days=migration.FIRST_DUE_AFTER_DAYS)
    assert recent.reconfirm_by == migration._add_year(today - timedelta(days=100))
    assert migration._add_year(date(2024, 2, 29)) == date(2025, 2, 28)
    assert max(services.settings.DECLARATION_RECONFIRM_REMINDER_DAYS) < migration.FIRST_DUE_AFTER_DAYS


def test_the_apply_form_is_unchanged_by_the_shared_pledge_list(client_for, admin):
    page = client_for(admin).get(reverse("declaration:apply")).content.decode()
    assert page.count('name="pledge_') == len([k for k in apply_data() if k.startswith("pledge_")])


def test_upgrading_without_a_recent_diagnosis_says_why(declared, client_for, admin):
    """The service names `stars`, which the upgrade form does not have: the reason shows as an
    error of the whole form (it used to be a server error)."""
    response = client_for(admin).post(
        reverse("declaration:upgrade"),
        {"policy_source": "url", "policy_url": "https://sakura.example.jp/policy"},
    )
    assert response.status_code == 200
    assert "12か月以内の自社診断" in response.content.decode()
