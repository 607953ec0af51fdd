"""Keeping the peer aggregates right when results disappear by cascade; and a visitor's results
following them into their account.

A result is deleted through assessment_delete, but also when its organisation (or the
person who ran it alone) is deleted, far from this app. Whichever way it goes, a counted
result leaves the aggregates here: a derived number must not depend on the path taken.
"""

from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from diagnosis import visitors
from diagnosis.models import Assessment, ShareLink
from diagnosis.services import assessments_adopt, report_pdfs_delete, statistics_apply
from portal.lib.kept_pages import follow

# Results (and drafts) show on their organisation's pages and their author's (portal.lib.kept_pages).
follow(
    Assessment,
    people=lambda assessment: [assessment.created_by_id],
    organisations=lambda assessment: [assessment.organisation_id],
    # Whether and where a result counts in the peer figures: they show on the report only,
    # which is kept for minutes (REPORT_CACHE_SECONDS) and says so.
    unseen_fields={"counted_in_statistics", "stats_industry", "stats_size_band", "stats_contributor"},
)
follow(ShareLink, organisations=lambda link: [link.assessment.organisation_id])


@receiver(pre_delete, sender=Assessment, dispatch_uid="diagnosis_uncount_deleted_assessment")
def uncount_deleted_assessment(sender, instance: Assessment, **kwargs):
    # Read the flag from the database: the instance being deleted may be an old copy.
    counted = Assessment.objects.filter(pk=instance.pk, counted_in_statistics=True).first()
    if counted is not None:
        statistics_apply((counted, -1))


@receiver(post_delete, sender=Assessment, dispatch_uid="diagnosis_delete_kept_reports")
def delete_kept_reports(sender, instance: Assessment, **kwargs):
    # After the commit: a rolled-back deletion keeps its result, and so its reports.
    uuid = instance.uuid
    transaction.on_commit(lambda: report_pdfs_delete(uuid))


# A visitor's anonymous results follow them into their account (diagnosis/visitors.py): put in
# its name at sign-up, and back in the session, with a word about saving them, at each login.


@receiver(user_signed_up, dispatch_uid="diagnosis_adopt_results_at_sign_up")
def adopt_results_at_sign_up(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        assessments_adopt(uuids=visitors.in_session(request), user=user)


@receiver(user_logged_in, dispatch_uid="diagnosis_offer_unsaved_results_at_login")
def offer_unsaved_results_at_login(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    known = set(visitors.in_session(request))
    found = [result for result in visitors.unsaved_results_for(user) if str(result.uuid) not in known]
    for result in reversed(found):
        visitors.remember(request, result)
    if found and hasattr(request, "_messages"):
        newest = found[0]
        messages.info(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("%(date)s に回答した診断結果（合計 %(score)s 点）がまだ組織に保存されていません。")
                % {
                    "date": date_format(timezone.localtime(newest.completed_at), "SHORT_DATE_FORMAT"),
                    "score": newest.total_score,
                },
                reverse("diagnosis:save", args=[newest.uuid]),
                _("この結果を保存する"),
            ),
        )
