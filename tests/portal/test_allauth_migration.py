"""Accounts moved onto allauth by a data migration: who could log in still can, pending
sign-ups can still finish, and deactivated accounts stay deactivated."""

import importlib
from datetime import timedelta

import django.apps
from allauth.account.models import EmailAddress
from django.utils import timezone

from portal.models import Membership, User
from tests.factories import PASSWORD, MembershipFactory

migration = importlib.import_module("portal.migrations.0011_accounts_move_onto_allauth")


def old_style_user(email, **fields):
    """A user as the hand-written accounts left them: no allauth address record."""
    user = User(email=email, language=fields.pop("language", "ja"), **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_users_carry_over_with_their_passwords_languages_and_memberships(db, organisation):
    active = old_style_user("active@example.jp", last_login=timezone.now(), language="en")
    MembershipFactory(user=active, organisation=organisation)
    pending = old_style_user("pending@example.jp", is_active=False)
    expired = old_style_user("expired@example.jp", is_active=False)
    User.objects.filter(pk=expired.pk).update(date_joined=timezone.now() - timedelta(days=10))
    deactivated = old_style_user("gone@example.jp", is_active=False, last_login=timezone.now())

    migration.create_email_addresses(django.apps.apps, None)

    def state(user):
        user.refresh_from_db()
        address = EmailAddress.objects.get(user=user)
        return user.is_active, address.verified, address.primary

    assert state(active) == (True, True, True)
    assert state(pending) == (True, False, True)  # finishes by verifying, as before
    assert state(expired) == (False, False, True)
    assert state(deactivated) == (False, True, True)  # only staff re-activate
    assert active.check_password(PASSWORD) and active.language == "en"
    assert Membership.objects.filter(user=active, organisation=organisation).exists()


def test_the_migration_runs_twice_without_duplicates(db):
    old_style_user("once@example.jp")
    migration.create_email_addresses(django.apps.apps, None)
    migration.create_email_addresses(django.apps.apps, None)
    assert EmailAddress.objects.filter(email="once@example.jp").count() == 1
