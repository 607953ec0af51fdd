"""Every staff action and security-relevant user action leaves an append-only audit entry."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry, Membership
from tests.factories import PASSWORD


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def test_login_failures_and_lockouts_are_recorded(client, admin):
    for _ in range(6):
        client.post(reverse("account_login"), {"login": admin.email, "password": "wrong"})
    entries = AuditEntry.objects.filter(action="login.failed")
    assert entries.count() == 5
    assert entries.first().actor_email == admin.email
    assert AuditEntry.objects.filter(action="login.locked_out", actor_email=admin.email).exists()


def test_role_changes_and_removals(client_for, organisation, admin, member):
    membership = Membership.objects.get(user=member)
    client = client_for(admin)
    client.post(
        reverse("organisations:change_role", args=[organisation.pk, membership.pk]), {"role": "admin"}
    )
    client.post(reverse("organisations:remove_member", args=[organisation.pk, membership.pk]))
    entry = AuditEntry.objects.get(action="membership.role")
    assert (entry.actor, entry.target, entry.details["role"]) == (admin, member.email, "admin")
    assert AuditEntry.objects.filter(action="membership.remove", target=member.email).exists()


def test_declaration_review_and_withdrawal(client_for, organisation, admin, reviewer, declare):
    declaration = declare(organisation)
    client_for(reviewer).post(reverse("review:act", args=[declaration.pk, "suspend"]), {"reason": "確認中"})
    entry = AuditEntry.objects.get(action="declaration.suspended")
    # Written by the service, with the address of the request it served.
    assert (entry.actor, entry.target, entry.details["reason"], entry.ip_address) == (
        reviewer,
        declaration.declaration_id,
        "確認中",
        "127.0.0.1",
    )
    client_for(reviewer).post(reverse("review:act", args=[declaration.pk, "reinstate"]), {"reason": "解決"})
    client_for(admin).post(reverse("declaration:withdraw"), {"reason": ""})
    # Every transition is recorded by the service that makes it.
    assert [a for a in actions() if a.startswith("declaration.")] == [
        "declaration.suspended",
        "declaration.reinstated",
        "declaration.withdrawn",
    ]


def test_a_refused_action_is_not_recorded_as_done(client_for, organisation, reviewer, declare):
    declaration = declare(organisation)
    client_for(reviewer).post(reverse("review:act", args=[declaration.pk, "reinstate"]), {"reason": "x"})
    assert not AuditEntry.objects.filter(action="declaration.reinstated").exists()


def test_exports_and_account_deletion(client_for, organisation, admin, themes, db):
    from tests.factories import MembershipFactory

    client_for(admin).get(reverse("learning:team"), {"format": "csv"})
    assert AuditEntry.objects.filter(action="export.team_progress", actor=admin).exists()
    loner = MembershipFactory(role="admin").user
    client_for(loner).post(reverse("data:account_delete"), {"password": PASSWORD})
    entry = AuditEntry.objects.get(action="account.delete")
    # The record stays; who it was does not (tests/security/test_account_erasure.py).
    assert (entry.actor, entry.actor_email) == (None, "")


def test_entries_cannot_be_changed_or_deleted(db):
    entry = AuditEntry.objects.create(action="test", actor_email="x@example.jp")
    entry.target = "changed"
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


@pytest.mark.parametrize(
    "persona,expected", [("reviewer", 200), ("member", 403), ("admin", 403), (None, 302)]
)
def test_audit_view_permissions(request, client_for, persona, expected):
    client = client_for(request.getfixturevalue(persona) if persona else None)
    assert client.get(reverse("review:audit")).status_code == expected


def test_audit_view_filters_and_exports(client_for, reviewer, db):
    AuditEntry.objects.create(action="declaration.suspend", actor_email="a@example.jp", target="40000000017")
    AuditEntry.objects.create(action="login.failed", actor_email='=HYPERLINK("x")')
    client = client_for(reviewer)
    page = client.get(reverse("review:audit"), {"action": "declaration."}).context["page"]
    assert [e.action for e in page.object_list] == ["declaration.suspend"]
    csv_text = client.get(reverse("review:audit"), {"format": "csv"}).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    assert AuditEntry.objects.filter(action="export.audit_log", actor=reviewer).exists()


def test_a_service_records_its_change_in_its_own_transaction(organisation, reviewer, declare):
    from django.db import transaction

    from declaration import services

    declaration = declare(organisation)

    @transaction.atomic
    def suspend_then_fail():
        services.declaration_suspend(declaration=declaration, reviewer=reviewer, reason="確認中")
        assert AuditEntry.objects.filter(action="declaration.suspended").exists()
        raise RuntimeError("the surrounding change fails")

    with pytest.raises(RuntimeError):
        suspend_then_fail()
    assert not AuditEntry.objects.filter(action="declaration.suspended").exists()
