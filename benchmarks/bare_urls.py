"""The portal's URLs and three bare signed-in POSTs, for `load.py --bare`: what any signed-in
form costs on this stack before it does anything of its own (gunicorn, the middleware, the
session, the user, the CSRF check, a redirect), with five more round trips to Redis, and with
one write and its commit. Served only by the load benchmark's gunicorn
(benchmarks/bare_settings.py), never by the portal."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from diagnosis.models import PendingRecount
from portal.urls import urlpatterns as portal_urlpatterns


@require_POST
@login_required
def bare_post(request):
    request.POST.get("q1")  # parse the form, as every form does
    return redirect("/")


@require_POST
@login_required
def bare_write(request):
    request.POST.get("q1")
    with transaction.atomic():  # one statement, as light as a write gets: an upsert of one row
        PendingRecount.objects.bulk_create(
            [
                PendingRecount(
                    organisation_id=request.user.current_organisation_id, requested_at=timezone.now()
                )
            ],
            update_conflicts=True,
            unique_fields=["organisation"],
            update_fields=["requested_at"],
        )
    return redirect("/")


@require_POST
@login_required
def bare_reads(request):
    """The bare POST with five more round trips to Redis (keys nobody has): what a round trip
    costs on a busy server, beside its few microseconds of CPU in process."""
    request.POST.get("q1")
    for number in range(5):
        cache.get(f"bench:nothing:{number}")
    return redirect("/")


urlpatterns = [
    path("bench/bare-post/", bare_post),
    path("bench/bare-reads/", bare_reads),
    path("bench/bare-write/", bare_write),
    *portal_urlpatterns,
]
