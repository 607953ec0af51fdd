"""Keeping the peer aggregates right when results disappear by cascade.

A result is deleted through assessment_delete, but also when its organisation (or the
person who ran it alone) is deleted, far from this app. Whichever way it goes, a counted
result leaves the aggregates here: a derived number must not depend on the path taken.
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from diagnosis.models import Assessment
from diagnosis.services import statistics_apply


@receiver(pre_delete, sender=Assessment, dispatch_uid="diagnosis_uncount_deleted_assessment")
def uncount_deleted_assessment(sender, instance: Assessment, **kwargs):
    # Read the flag from the database: the instance being deleted may be an old copy.
    counted = Assessment.objects.filter(pk=instance.pk, counted_in_statistics=True).first()
    if counted is not None:
        statistics_apply((counted, -1))
