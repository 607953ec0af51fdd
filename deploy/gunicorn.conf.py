"""gunicorn's configuration for the portal: `gunicorn -c deploy/gunicorn.conf.py portal.wsgi`.

Workers and bind address come from the command line or the environment as usual
(`--workers 3`, WEB_CONCURRENCY). Before forking, the master refuses to start several
workers on a per-process cache (no REDIS_URL): each worker would count rate limits and hold
sessions and cached pages alone (portal.lib.deployment). The workers check again on import.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

timeout = 30
accesslog = "-"


def on_starting(server):
    import django
    from django.core.exceptions import ImproperlyConfigured

    django.setup()
    from portal.lib.deployment import require_shared_state

    try:
        require_shared_state(workers=server.cfg.workers)
    except ImproperlyConfigured as error:
        server.log.error("Refusing to start: %s", error)
        sys.exit(3)
