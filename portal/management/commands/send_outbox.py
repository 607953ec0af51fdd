"""Send the e-mails that are due in the outbox, once, now.

The worker (`manage.py worker`) does this every minute; this command is for an operator who
wants the queue emptied by hand, e.g. after fixing the mail server's settings.
"""

from django.core.management.base import BaseCommand

from portal.lib import outbox


class Command(BaseCommand):
    help = "Send due messages from the e-mail outbox now (with retries and back-off)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit, **options):
        sent, left = outbox.drain(limit=limit)
        self.stdout.write(f"sent {sent}, not sent {left}")
