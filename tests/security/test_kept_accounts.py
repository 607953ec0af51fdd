"""A signed-in person's account (their user row, their organisations and role in each) is kept
in the shared cache (portal.lib.accounts), so that their requests read neither. The attacks
this must not open: a session that outlives the password change or the deactivation meant to
end it, a member who keeps reaching an organisation they were removed from, and a demoted
admin who keeps an admin's role, because an app server answers from what it kept."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.cache import cache
from django.test import Client

from portal import services
from portal.access import current_organisation, my_organisations
from portal.lib import accounts, fragments
from portal.models import Membership, Role, User

NEW_PASSWORD = "Another-Long-Pass-2026"


def request_of(client):
    """One request of this client's session, as the server saw it."""
    return client.get("/about/").wsgi_request


@pytest.fixture
def kept(client_for, admin, organisation):
    """The admin signed in, with their account kept by a first request."""
    client = client_for(admin)
    request_of(client)
    return client


def test_a_kept_account_is_read_from_the_cache_only(kept, admin, organisation, django_assert_num_queries):
    with django_assert_num_queries(0):
        request = request_of(kept)
        assert request.user == admin
        assert [(o.pk, o.member_role) for o in my_organisations(request)] == [(organisation.pk, Role.ADMIN)]


def test_a_password_change_ends_the_other_sessions_at_their_next_request(
    kept, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin.set_password(NEW_PASSWORD)
        admin.save()
    assert not request_of(kept).user.is_authenticated


def test_a_deactivated_account_is_signed_out_at_its_next_request(
    kept, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin.is_active = False  # what staff do in the admin
        admin.save(update_fields=["is_active"])
    assert not request_of(kept).user.is_authenticated


def test_a_member_removed_from_an_organisation_no_longer_works_for_it(
    client_for, admin, member, organisation, django_capture_on_commit_callbacks
):
    client = client_for(member)
    assert current_organisation(request_of(client)) == organisation
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_remove(membership=Membership.objects.get(user=member), actor=admin)
    request = request_of(client)
    assert my_organisations(request) == []
    assert current_organisation(request) is None


def test_a_demoted_admin_loses_the_role_at_once(
    kept, admin, member, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_change_role(
            membership=Membership.objects.get(user=member), role=Role.ADMIN, actor=admin
        )
        services.membership_change_role(
            membership=Membership.objects.get(user=admin), role=Role.MEMBER, actor=member
        )
    assert my_organisations(request_of(kept))[0].member_role == Role.MEMBER


def test_a_renamed_organisation_is_seen_at_once_by_its_members(
    kept, admin, organisation, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_update(organisation=organisation, actor=admin, name="株式会社あおば新社")
    assert my_organisations(request_of(kept))[0].name == "株式会社あおば新社"


def test_an_account_kept_late_by_a_slow_reader_is_not_used(
    admin, organisation, django_capture_on_commit_callbacks
):
    """A reader read the generation and the user before a password change committed, and only
    keeps them after it: the entry names a generation that has moved, so it is read again."""
    name = fragments.account_generation_name(admin.pk)
    seen = fragments.generation(name)
    old = User.objects.get(pk=admin.pk)
    with django_capture_on_commit_callbacks(execute=True):
        admin.set_password(NEW_PASSWORD)
        admin.save()
    cache.set(accounts._entry_key(admin.pk), (seen, old, [organisation]), accounts.ACCOUNT_SECONDS)
    assert accounts.kept_user(admin.pk).password == admin.password


def test_a_change_around_the_signals_is_kept_for_minutes_at_most(admin, monkeypatch):
    """A raw UPDATE moves no generation: the kept account expires after ACCOUNT_SECONDS."""
    timeouts = []
    monkeypatch.setattr(accounts.cache, "set", lambda key, value, timeout, **kwargs: timeouts.append((key, timeout)))
    accounts.kept_user(admin.pk)
    kept = [timeout for key, timeout in timeouts if key == accounts._entry_key(admin.pk)]
    assert kept == [accounts.ACCOUNT_SECONDS] and accounts.ACCOUNT_SECONDS <= 5 * 60


def test_a_session_id_that_is_no_user_id_signs_nobody_in(db):
    assert accounts.kept_user("1 OR 1=1") is None
    assert accounts.kept_user(10**9) is None


def test_sessions_begun_before_the_kept_accounts_stay_signed_in(client_for, admin):
    client = client_for(admin)
    session = client.session
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session.save()
    assert request_of(client).user == admin


def test_nobody_is_served_anothers_account(client_for, admin, member):
    mine, theirs = client_for(admin), Client()
    theirs.force_login(member)
    assert request_of(mine).user == admin
    assert request_of(theirs).user == member
    assert request_of(mine).user == admin
