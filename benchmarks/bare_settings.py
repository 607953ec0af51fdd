"""The portal's settings with benchmarks/bare_urls.py as the URLconf (`load.py --bare`)."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.bare_urls"
