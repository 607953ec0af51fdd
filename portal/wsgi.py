"""WSGI entry point for gunicorn: `gunicorn portal.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# After setup: production refuses to serve with a per-process cache (portal.lib.deployment).
from portal.lib.deployment import require_shared_state  # noqa: E402

require_shared_state()
