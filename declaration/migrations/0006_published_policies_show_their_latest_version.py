"""Until now a published policy showed its latest saved version: that version is the
published one. Later saves are drafts until published again."""

from django.db import migrations


def pin_published_versions(apps, schema_editor):
    Policy = apps.get_model("declaration", "Policy")
    PolicyVersion = apps.get_model("declaration", "PolicyVersion")
    for policy in Policy.objects.filter(published_at__isnull=False, published_version__isnull=True):
        latest = PolicyVersion.objects.filter(policy=policy).order_by("-number").first()
        if latest is not None:
            policy.published_version = latest
            policy.save(update_fields=["published_version"])


def unpin(apps, schema_editor):
    apps.get_model("declaration", "Policy").objects.update(published_version=None)


class Migration(migrations.Migration):
    dependencies = [("declaration", "0005_policy_published_version")]

    operations = [migrations.RunPython(pin_published_versions, unpin)]
