"""A quiz passed anonymously is recorded at the next login in the same session (learning/pending.py);
a person's learning retires their kept pages and their teams' (portal.lib.kept_pages)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learning import pending
from learning.models import Certificate, Progress, RevocationRequest
from portal.lib.kept_pages import follow

# The team views (the admin's home, the members × themes matrix) show progress and certificates.
# An attempt is recorded with its progress row (learning.services.attempt_record), whose save
# retires the same pages: attempts themselves show on no kept page.
follow(Progress, teams=lambda progress: [progress.user_id])
follow(Certificate, teams=lambda certificate: [certificate.user_id])
follow(RevocationRequest, people=lambda request: [request.certificate.user_id])


@receiver(user_logged_in, dispatch_uid="learning_record_passes_kept_in_the_session")
def record_passes_kept_in_the_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        pending.record(request, user)
