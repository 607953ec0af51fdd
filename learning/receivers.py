"""A quiz passed anonymously is recorded at the next login in the same session (learning/pending.py)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from learning import pending


@receiver(user_logged_in, dispatch_uid="learning_record_passes_kept_in_the_session")
def record_passes_kept_in_the_session(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        pending.record(request, user)
