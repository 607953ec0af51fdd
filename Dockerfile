# The portal as a container image for operators: gunicorn serving portal.wsgi, production
# settings from the environment (see docs/deploy.md). Build with
#   docker build -t security-action-portal .
# The same image runs the task worker (mail, reminders, PDFs, pruning): `docker run …
#   security-action-portal python manage.py worker`.
FROM python:3.11-slim-bookworm

# WeasyPrint's Pango/HarfBuzz, the Japanese font PDFs embed, gettext for the catalogues.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-ipaexfont gettext \
 && rm -rf /var/lib/apt/lists/*

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DEBUG=false
WORKDIR /srv/portal

# Dependencies first, so that a code change does not reinstall them: every version and its
# hash from the lock (it holds the dev tools too: one lock for every install, README
# "Dependencies"), then the project's own metadata without dependencies.
COPY pyproject.toml requirements-pip.lock requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements-pip.lock \
 && pip install --no-cache-dir --require-hashes -r requirements.lock \
 && pip install --no-cache-dir --no-deps -e .

COPY . .
# Compiled catalogues and hashed static files are part of the image. collectstatic needs
# a SECRET_KEY to import the settings; this one never leaves the build.
RUN python manage.py compilemessages --ignore=.venv -v0 \
 && SECRET_KEY=build-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz \
    python manage.py collectstatic --noinput -v0

RUN useradd --system --home /srv/portal portal && mkdir -p /srv/portal/media && chown portal /srv/portal/media
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz').status != 200)"
# Workers: cores + 1 measured best on 2 cores (benchmarks/load.py); set GUNICORN_CMD_ARGS to change.
# deploy/gunicorn.conf.py refuses several workers without REDIS_URL (a per-process cache).
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi", "--bind=0.0.0.0:8000", "--workers=3"]
