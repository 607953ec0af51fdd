"""The one worker command: runs queued and scheduled jobs until stopped (README "Tasks").

    manage.py worker

It writes the schedules (portal/lib/tasks.py), then runs django-q2's cluster: a few worker
processes (TASK_WORKERS), the scheduler and a monitor. SIGTERM lets the running tasks finish;
a worker killed mid-job leaves its task to be delivered again (TASK_RETRY_SECONDS).
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.lib.tasks import sync_schedules


class Command(BaseCommand):
    help = "Run the task runner: queued jobs (mail, reminders, PDFs) and the schedules."

    def handle(self, *args, **options):
        written, removed = sync_schedules()
        self.stdout.write(f"schedules: {written} in place, {removed} removed")
        call_command("qcluster")
