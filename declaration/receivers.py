"""Keeping the registry's copy of organisation facts in step.

Organisations are edited in `portal`, which knows nothing of declarations; the copy on
each declaration is derived data, so it follows every save, whichever path made it.
Any change also retires the registry's cached search pages.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from declaration.models import Declaration, Policy, PolicyVersion, ReviewEvent
from portal.lib.fragments import invalidate
from portal.lib.kept_pages import follow
from portal.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="declaration_copy_organisation")
def copy_organisation(sender, instance: Organisation, created: bool, **kwargs):
    if not created:
        Declaration.objects.filter(organisation=instance).update(
            organisation_name=instance.name,
            organisation_name_kana=instance.name_kana,
            prefecture=instance.prefecture,
            industry=instance.industry,
            organisation_verified=instance.is_verified,
            organisation_verified_by=instance.verified_by,
            organisation_verified_at=instance.verified_at,
            organisation_superseded=instance.superseded_by_id is not None,
            # The API's ETag and Last-Modified follow what it shows, the verification included.
            updated_at=timezone.now(),
        )
        invalidate("registry")


@receiver(post_save, sender=Declaration, dispatch_uid="declaration_registry_changed")
@receiver(post_delete, sender=Declaration, dispatch_uid="declaration_registry_deleted")
def registry_changed(sender, **kwargs):
    """The registry's cached search pages start afresh after any change to a declaration."""
    invalidate("registry")


# The declaration, its review and the policy show on every member's pages (portal.lib.kept_pages).
follow(Declaration, organisations=lambda declaration: [declaration.organisation_id])
follow(ReviewEvent, organisations=lambda event: [event.declaration.organisation_id])
follow(Policy, organisations=lambda policy: [policy.organisation_id])
follow(PolicyVersion, organisations=lambda version: [version.policy.organisation_id])
