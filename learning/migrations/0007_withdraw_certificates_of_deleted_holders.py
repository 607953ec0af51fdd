"""Certificates whose holder deleted their account before withdrawal existed (user is NULL)
still showed the name as valid: withdraw them and forget the name, as the service now does."""

from django.db import migrations
from django.utils import timezone


def withdraw(apps, schema_editor):
    Certificate = apps.get_model("learning", "Certificate")
    now = timezone.now()
    orphans = Certificate.objects.filter(user__isnull=True, holder_deleted_at__isnull=True)
    orphans.filter(revoked_at__isnull=True).update(revoked_at=now)
    orphans.update(name_printed="", holder_deleted_at=now)


class Migration(migrations.Migration):
    dependencies = [("learning", "0006_certificate_withdrawn_when_holder_deleted")]

    # The names are gone: going back leaves the certificates withdrawn.
    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
