"""Send the e-mails that are due in the outbox. Run it every minute (cron or a systemd timer):

    * * * * *  cd /srv/portal && .venv/bin/python manage.py send_outbox

or keep it running: `manage.py send_outbox --loop 30`.
"""

import time

from django.core.management.base import BaseCommand

from portal.lib import outbox


class Command(BaseCommand):
    help = "Send due messages from the e-mail outbox (with retries and back-off)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, default=0, help="keep running, draining every N seconds")
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, loop, limit, **options):
        while True:
            sent, left = outbox.drain(limit=limit)
            if sent or left:
                self.stdout.write(f"sent {sent}, not sent {left}")
            if not loop:
                return
            time.sleep(loop)
