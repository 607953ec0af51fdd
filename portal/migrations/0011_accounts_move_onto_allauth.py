"""Accounts move onto django-allauth: every user gets an allauth e-mail address record.

Before, a new account stayed inactive (is_active=False) until its address was verified.
allauth keeps "verified" on the address instead, and is_active means only "not deactivated
by staff". So:
- active accounts, and accounts that have logged in → verified address;
- inactive accounts that never logged in were never verified: those created within the
  verification window (3 days) become active with an unverified address (they finish by
  verifying); older ones stay inactive and unverified (their link expired long ago);
- an account staff deactivated stays inactive. Only staff re-activate an account.
"""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone

VERIFICATION_WINDOW = timedelta(days=3)


def create_email_addresses(apps, schema_editor):
    User = apps.get_model("portal", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    recent = timezone.now() - VERIFICATION_WINDOW
    never_verified = User.objects.filter(is_active=False, last_login__isnull=True)
    unverified_ids = set(never_verified.values_list("pk", flat=True))
    never_verified.filter(date_joined__gte=recent).update(is_active=True)
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user_id=pk, email=email.lower(), primary=True, verified=pk not in unverified_ids)
            for pk, email in User.objects.values_list("pk", "email").iterator()
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )


def remove_email_addresses(apps, schema_editor):
    User = apps.get_model("portal", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    unverified = EmailAddress.objects.filter(verified=False, primary=True).values("user_id")
    User.objects.filter(pk__in=unverified, last_login__isnull=True).update(is_active=False)
    EmailAddress.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_outbox_redacts_secret_links"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(create_email_addresses, remove_email_addresses)]
