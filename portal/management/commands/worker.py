"""The one worker command: runs queued and scheduled jobs until stopped (README "Tasks").

    manage.py worker

It writes the schedules (portal/lib/tasks.py), then runs django-q2's cluster: a few worker
processes (TASK_WORKERS), the scheduler and a monitor, all TASK_WORKER_NICENESS nicer than
the web servers, so that on shared cores the jobs wait for the requests, not the other way.
SIGTERM lets the running tasks finish; a worker killed mid-job leaves its task to be delivered
again (TASK_RETRY_SECONDS).
"""

import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.lib.tasks import sync_schedules


class Command(BaseCommand):
    help = "Run the task runner: queued jobs (mail, reminders, PDFs) and the schedules."

    def handle(self, *args, **options):
        written, removed = sync_schedules()
        self.stdout.write(f"schedules: {written} in place, {removed} removed")
        if settings.TASK_WORKER_NICENESS:
            os.nice(settings.TASK_WORKER_NICENESS)  # the cluster's processes inherit it
        call_command("qcluster")
