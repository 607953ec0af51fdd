"""Settings for the SECURITY ACTION portal.

Every value that differs between machines is read from the environment here and
nowhere else. With no variables set the portal runs in development mode on
SQLite; production (DEBUG=False) refuses to start without a SECRET_KEY.
"""

import ipaddress
import json
import os
from datetime import date
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_date(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a date like 2026-04-01, not {value!r}") from None
    return value


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production).")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
# The value .env.example shows; copying it as it is would sign every session with a public key.
EXAMPLE_SECRET_KEY = "change-me-to-a-long-random-string"
if not DEBUG and (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY == EXAMPLE_SECRET_KEY
):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters (not the "
        ".env.example value, not a django-insecure key), e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The public address of the portal, used in e-mails and printed on PDFs.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Whether search engines may index the registry's verification pages (one per declaration).
# Off by default: they are listed in no sitemap and carry robots "noindex" (console.search_engines).
REGISTRY_INDEXING = env_bool("REGISTRY_INDEXING", False)

INSTALLED_APPS = [
    # Content in Japanese and English side by side; before the admin, whose forms it extends.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    # The task runner (portal/lib/tasks.py): its queue, results and schedules live in the database.
    "django_q",
    "portal",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Sign-in with an OpenID Connect provider (GビズID), configured below from the environment.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "diagnosis",
    "declaration",
    "learning",
    "presenters",
    # The composition floor, above the services: the staff console, exports, erasure, demo data.
    "console",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # NUL anywhere is a 400 before sessions or views touch the database (issue 13, finding 6).
    "portal.lib.hostile_input.RefuseHostileInput",
    # Responses to anyone with a session are private, no-store (issue 13, finding 13).
    "portal.lib.caching.PrivateForSessions",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The URL decides the language: /en/… is English, the rest Japanese (portal.lib.languages).
    "portal.lib.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Audit entries written by services record the client's address of the request served.
    "portal.lib.audit.AuditRequestContext",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # After authentication: staff sessions expire when idle, and staff without a second
    # factor are sent to enrol before any console or admin page.
    "portal.lib.staff_sessions.StaffSessionMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site_shell",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# SQLite is the embedded default; production and CI set DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
        conn_health_checks=True,
    )
}
# A streaming replica for the read-only public pages (registry, API, statistics).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            os.environ["DATABASE_REPLICA_URL"],
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 60),
            conn_health_checks=True,
        ),
        # Tests run against the primary's test database: a replica has the same rows.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["portal.lib.replica.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database is shared by the server and the worker beside it (`make run`):
    # readers don't wait for a writer (WAL), and a writer waits for the other instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Tasks (django-q2; portal/lib/tasks.py) -------------------------------------------
# Jobs run in `manage.py worker`, beside the web processes; the queue is a table in the same
# database, so a task is written in the transaction of the change that asks for it. A task
# whose worker died is delivered again after TASK_RETRY_SECONDS; a failed one is retried then
# too, up to TASK_MAX_ATTEMPTS times. TASKS_INLINE runs jobs in the requesting process after
# the commit instead (the tests; a deployment that runs no worker).
TASKS_INLINE = env_bool("TASKS_INLINE", False)
TASK_TIMEOUT_SECONDS = env_int("TASK_TIMEOUT_SECONDS", 300)
# The worker's processes run this much nicer than the web's (os.nice): where they share cores,
# a busy catch-up or a run of PDFs waits for the requests instead of slowing them. 0: as equals.
TASK_WORKER_NICENESS = env_int("TASK_WORKER_NICENESS", 10)
Q_CLUSTER = {
    "name": "portal",
    "orm": "default",
    "workers": env_int("TASK_WORKERS", 2),
    "timeout": TASK_TIMEOUT_SECONDS,
    # Longer than the timeout, or a slow task would be handed to a second worker while it runs.
    "retry": max(env_int("TASK_RETRY_SECONDS", TASK_TIMEOUT_SECONDS + 60), TASK_TIMEOUT_SECONDS + 1),
    "max_attempts": env_int("TASK_MAX_ATTEMPTS", 5),
    "ack_failures": False,
    "catch_up": False,  # after a stop, a schedule runs once, not once per missed slot
    "save_limit": 1000,
    "poll": 1,
    "label": "タスク",
}
# A folder the worker imports 法人番号 files from every morning (portal/jobs.py), e.g. where a
# sync job puts each day's 差分データ; empty: no scheduled import.
CORPORATE_REGISTER_INBOX = os.environ.get("CORPORATE_REGISTER_INBOX", "")
# A completed self-diagnosis is counted in the peer aggregates by the worker (seconds later)
# rather than in the request (diagnosis/services.py): on wherever a worker runs.
STATISTICS_IN_WORKER = env_bool("STATISTICS_IN_WORKER", not TASKS_INLINE)
# How long a worker may take to hand one e-mail to the mail server before another may try.
OUTBOX_SENDING_LEASE_SECONDS = env_int("OUTBOX_SENDING_LEASE_SECONDS", 300)

# --- Cache ----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# Without REDIS_URL every process has its own cache: rate limits, cached pages and sessions
# would be counted per worker. Production then refuses to serve (portal/wsgi.py) unless the
# operator declares that exactly one process serves the site.
SINGLE_PROCESS = env_bool("SINGLE_PROCESS", False)
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "portal.lib.redis_cache.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Free-text search pages: as many keys as visitors can type, so they are kept in each
# process's memory with a fixed number of entries (the oldest go first), never in the
# shared cache that also counts rate limits (portal/lib/pagination.py).
CACHES["free_text_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "free-text-pages",
    "OPTIONS": {"MAX_ENTRIES": 1000, "CULL_FREQUENCY": 4},
}
# Parts of the page shell that are the same for everyone in a language (the footer, the main
# menu), kept in each process: a deployment restarts the processes, so none outlives its template.
CACHES["shell"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shell"}
# Whole public pages as anonymous visitors see them, per path, language and text size, in
# each process's memory (about 50 kB each); shared generations retire them (portal/lib/kept_pages.py).
CACHES["public_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public-pages",
    "OPTIONS": {"MAX_ENTRIES": 600, "CULL_FREQUENCY": 4},
}
# With Redis, app servers hand each other the pages they kept, in a fixed number of slots of
# the shared cache; RELEASE names the deployed code (else a digest of its files), so that no
# page of the old code is served by the new.
KEPT_PAGES_SHARED = bool(REDIS_URL)
KEPT_PAGES_RELEASE = os.environ.get("RELEASE", "")
# Registry entries looked up by ID (declaration.selectors.declaration_by_id), about 2 kB each.
CACHES["registry_entries"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "registry-entries",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 5000, "CULL_FREQUENCY": 4},
}
# Each signed-in person's own pages (the same module), also in each process's memory, so that
# none outlives a deployment: 1,000 pages are the last few minutes' of a busy server.
CACHES["personal_pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "personal-pages",
    "OPTIONS": {"MAX_ENTRIES": 1000, "CULL_FREQUENCY": 4},
}

# --- Accounts (django-allauth) ----------------------------------------------------
AUTH_USER_MODEL = "portal.User"
# allauth's backend, whose session users come from the shared cache (portal.lib.accounts);
# allauth's own stays listed, so that sessions begun before it keep working.
AUTHENTICATION_BACKENDS = [
    "portal.lib.accounts.KeptAccountBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# After login (and after the e-mail check that logs in) people land on their own page; a
# `?next=` still wins.
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "portal.adapter.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupExtraForm"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# The same answer whether or not an address is registered (sign-up, reset, login);
# the owner of an existing address is told by e-mail instead.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# A mail to the account holder whenever the password, the address or a second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# People see their signed-in sessions (where and when they logged in) and end the others.
# Activity is not tracked request by request: one row per login, no write per page.
USERSESSIONS_TRACK_ACTIVITY = False
# 「ログインしたままにする」: sessions last SESSION_COOKIE_AGE only when ticked, otherwise
# until the browser closes.
ACCOUNT_SESSION_REMEMBER = None
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
# The one lockout and throttle mechanism: allauth's rate limits, counted in the shared cache
# per client address and per e-mail address (normalised, so its case changes nothing).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "20/m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "10/h/ip",
    "confirm_email": "3/h/key,10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
ACCOUNT_FORMS = {
    "login": "portal.account_forms.PortalLoginForm",
    "add_email": "portal.account_forms.PortalAddEmailForm",
    "change_password": "portal.account_forms.PortalChangePasswordForm",
    "set_password": "portal.account_forms.PortalSetPasswordForm",
    "reset_password": "portal.account_forms.PortalResetPasswordForm",
    "reset_password_from_key": "portal.account_forms.PortalResetPasswordKeyForm",
    "reauthenticate": "portal.account_forms.PortalReauthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "SECURITY ACTION portal")
# WebAuthn needs a secure origin; development on http://127.0.0.1 is allowed explicitly.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Staff sessions: signed out after 30 minutes idle and 12 hours after signing in.
STAFF_SESSION_IDLE_SECONDS = 30 * 60
STAFF_SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
# ASVS L2: at least 12 characters, not a common or a similar-to-the-account password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
INVITATION_VALID_DAYS = 14

# --- Sign-in with OpenID Connect providers (GビズID) -----------------------------------
# Each provider is one allauth "openid_connect" app built from the environment (no SocialApp row
# in the database). The claim map names which userinfo / ID-token claims carry the corporate
# number, the organisation's name, the account type, the e-mail and the prefecture; the
# defaults are GビズID's attribute names (its connection guideline, 3.4.1.4 属性取得:
# https://gbiz-id.go.jp/top/manual/pdf/Developer_guideline.pdf). Claim names live here only.
GBIZID_DEFAULT_CLAIMS = {
    "corporate_number": "corporate_number",
    "name": "name",
    "account_type": "account_type",
    "email": "email",
    "prefecture": "prefecture_name",
}


def oidc_provider_from_env(prefix: str, *, provider_id: str, name: str, name_en: str, claims: dict, account_types: list[str]):
    """The provider `prefix`_* variables describe, or None when its issuer or client is not set."""
    issuer = os.environ.get(f"{prefix}_ISSUER", "").strip()
    client_id = os.environ.get(f"{prefix}_CLIENT_ID", "").strip()
    if not issuer and not client_id:
        return None
    if not (issuer and client_id):
        raise ImproperlyConfigured(f"{prefix}_ISSUER and {prefix}_CLIENT_ID are set together or not at all.")
    if not issuer.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise ImproperlyConfigured(f"{prefix}_ISSUER must be an https:// URL, not {issuer!r}")
    return {
        "id": provider_id,
        "name": os.environ.get(f"{prefix}_NAME", name),
        "name_en": os.environ.get(f"{prefix}_NAME_EN", name_en),
        "issuer": issuer.rstrip("/"),
        "client_id": client_id,
        "secret": os.environ.get(f"{prefix}_CLIENT_SECRET", ""),
        "scopes": env_list(f"{prefix}_SCOPES", ["openid", "profile", "email"]),
        "claims": {key: os.environ.get(f"{prefix}_CLAIM_{key.upper()}", value) for key, value in claims.items()},
        # Account types that may sign in and declare (GビズID: 2 Prime, 3 Member; 1 Entry is refused).
        "account_types": env_list(f"{prefix}_ACCOUNT_TYPES", account_types),
        # The provider verifies the e-mail addresses it releases: a new account needs no
        # confirmation mail. GビズID confirms the address when its account is made.
        "email_verified": env_bool(f"{prefix}_EMAIL_VERIFIED", True),
        # Sign an existing portal account in (and connect it) when the provider's verified
        # address is that account's. Off by default: whoever controls the provider's account
        # would take over the portal's; people sign in with their password and connect instead.
        "email_authentication": env_bool(f"{prefix}_EMAIL_AUTHENTICATION", False),
    }


OIDC_PROVIDERS = [
    provider
    for provider in [
        oidc_provider_from_env(
            "GBIZID",
            provider_id="gbizid",
            name="GビズID",
            name_en="gBizID",
            claims=GBIZID_DEFAULT_CLAIMS,
            account_types=["2", "3"],
        ),
    ]
    if provider
]


def socialaccount_providers(providers: list[dict]) -> dict:
    """allauth's configuration of the providers in OIDC_PROVIDERS (tests rebuild it)."""
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": provider["id"],
                    "name": provider["name"],
                    "client_id": provider["client_id"],
                    "secret": provider["secret"],
                    "settings": {
                        "server_url": provider["issuer"],
                        "scope": provider["scopes"],
                        "oauth_pkce_enabled": True,
                        "verified_email": provider["email_verified"],
                        "email_authentication": provider["email_authentication"],
                    },
                }
                for provider in providers
            ],
        }
    }


SOCIALACCOUNT_PROVIDERS = socialaccount_providers(OIDC_PROVIDERS)
SOCIALACCOUNT_ADAPTER = "portal.adapter.PortalSocialAccountAdapter"
# Sign-in starts with a POST (CSRF-protected), never a link a third party could make us follow.
SOCIALACCOUNT_LOGIN_ON_GET = False
# An account signed in by e-mail authentication is connected to the provider at once.
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Tokens are not needed after sign-in: the claims are kept on the connected account.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
# When on (a GビズID-backed deployment), only organisations verified through the provider
# (or by staff) may declare.
DECLARATION_REQUIRES_VERIFIED_ORGANISATION = env_bool("DECLARATION_REQUIRES_VERIFIED_ORGANISATION", False)

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content (questionnaire, lessons) is stored in both languages; English falls back to Japanese.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ja"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ja",)
# Date formats per language (portal/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded materials and kept PDFs go through Django's storage API: the local disk by
# default, object storage by configuration, e.g. with django-storages:
# FILE_STORAGE_BACKEND=storages.backends.s3.S3Storage
# FILE_STORAGE_OPTIONS='{"bucket_name": "portal-files", "default_acl": "private"}'
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": json.loads(os.environ.get("FILE_STORAGE_OPTIONS", "{}")),
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail ----------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SECURITY ACTION ポータル <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security headers ----------------------------------------------------------------
# Harmless in development; checked by `manage.py check --deploy` in production.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Sessions are read from the cache (Redis when set) and written through to the database:
# one query less on every signed-in page, and nothing lost when the cache is flushed.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The addresses (or networks) of the proxies in front of the app, e.g. "10.0.0.5" or
# "10.0.0.0/24". X-Forwarded-For is believed only from these: rate limits, lockouts and the
# audit log then see the visitor's address, and a client talking to the app port directly
# cannot forge one (portal.lib.clients).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an IP address or network") from None
if os.environ.get("TRUSTED_PROXY_COUNT"):
    # A count trusted whoever reached the app port: a forged header bypassed the limits.
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT was replaced by TRUSTED_PROXIES: list your proxies' addresses instead."
    )

# No inline scripts or styles anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}


def csp_with_providers(policy: dict, providers: list[dict]) -> dict:
    """The policy with each OpenID Connect provider's origin allowed as a form target: the
    sign-in button posts to the portal, which redirects to the provider, and browsers check
    form-action on that redirect too."""
    origins = sorted({"/".join(provider["issuer"].split("/")[:3]) for provider in providers})
    directives = dict(policy["DIRECTIVES"])
    directives["form-action"] = [SELF, *origins]
    return {**policy, "DIRECTIVES": directives}


CONTENT_SECURITY_POLICY = csp_with_providers(CONTENT_SECURITY_POLICY, OIDC_PROVIDERS)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools narrate every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The task runner narrates every task it queues and runs at INFO.
        "django-q": {"level": os.environ.get("TASK_LOG_LEVEL", "WARNING")},
    },
}

# --- The operator of this installation -------------------------------------------------
# Who runs the site: shown on the about page, the terms and the privacy policy. Without
# OPERATOR_NAME the dict is empty and every page says that this is a demonstration
# installation whose IDs are not valid for subsidy applications; `check --deploy` warns.
# English values fall back to the Japanese ones.
PORTAL_OPERATOR = (
    {
        "name": os.environ["OPERATOR_NAME"].strip(),
        "name_en": os.environ.get("OPERATOR_NAME_EN", "").strip(),
        "email": os.environ.get("OPERATOR_EMAIL", "").strip(),
        "url": os.environ.get("OPERATOR_URL", "").strip(),
        "address": os.environ.get("OPERATOR_ADDRESS", "").strip(),
        "address_en": os.environ.get("OPERATOR_ADDRESS_EN", "").strip(),
        "phone": os.environ.get("OPERATOR_PHONE", "").strip(),
        # 個人情報保護管理者: a role (e.g. 総務部長), not a person's name.
        "privacy_officer": os.environ.get("OPERATOR_PRIVACY_OFFICER", "").strip(),
        "privacy_officer_en": os.environ.get("OPERATOR_PRIVACY_OFFICER_EN", "").strip(),
        # The court of first instance agreed in the terms (e.g. 東京地方裁判所).
        "court": os.environ.get("OPERATOR_COURT", "").strip(),
        "court_en": os.environ.get("OPERATOR_COURT_EN", "").strip(),
        "terms_effective": env_date("OPERATOR_TERMS_EFFECTIVE"),
        "privacy_effective": env_date("OPERATOR_PRIVACY_EFFECTIVE"),
    }
    if os.environ.get("OPERATOR_NAME", "").strip()
    else {}
)
if PORTAL_OPERATOR.get("url") and not PORTAL_OPERATOR["url"].startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"OPERATOR_URL must start with https://, not {PORTAL_OPERATOR['url']!r}")
if PORTAL_OPERATOR.get("email") and "@" not in PORTAL_OPERATOR["email"]:
    raise ImproperlyConfigured(f"OPERATOR_EMAIL must be an e-mail address, not {PORTAL_OPERATOR['email']!r}")

# --- SECURITY ACTION -----------------------------------------------------------------
# False (default): every declaration gets its ID at once and staff review afterwards.
# True: ★★ declarations and upgrades wait for a reviewer before they take effect.
DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS = env_bool("DECLARATION_REVIEW_BEFORE_ISSUING_TWO_STARS", False)
# A ★★ declaration needs a completed self-diagnosis no older than this.
DECLARATION_DIAGNOSIS_MAX_AGE_DAYS = 365
# Yearly re-confirmation (declaration/reconfirmation.py): a declaration is due this many
# months after it was issued or last re-confirmed (0 turns re-confirmation off); reminders go
# out these many days before; past the due date and the grace period it shows 要再確認.
DECLARATION_RECONFIRM_MONTHS = env_int("DECLARATION_RECONFIRM_MONTHS", 12)
DECLARATION_RECONFIRM_REMINDER_DAYS = (30, 7)
DECLARATION_RECONFIRM_GRACE_DAYS = env_int("DECLARATION_RECONFIRM_GRACE_DAYS", 14)
# Public search pages (registry, presenters) keep their rendered results this long; any
# change to the data retires them at once (portal.lib.fragments).
PUBLIC_LIST_CACHE_SECONDS = env_int("PUBLIC_LIST_CACHE_SECONDS", 600)
# Open-data API: requests per client address per minute.
API_RATE_LIMIT_PER_MINUTE = env_int("API_RATE_LIMIT_PER_MINUTE", 120)
# Full CSV dumps of the open data (every active declaration) per client address per hour.
API_DUMP_RATE_LIMIT_PER_HOUR = env_int("API_DUMP_RATE_LIMIT_PER_HOUR", 10)

# 法人番号 look-ups (name and number, as typed in the organisation form) per person per minute.
CORPORATE_LOOKUPS_PER_MINUTE = env_int("CORPORATE_LOOKUPS_PER_MINUTE", 60)

# --- Security presenters ---------------------------------------------------------------
PRESENTER_MATERIAL_MAX_BYTES = env_int("PRESENTER_MATERIAL_MAX_MB", 20) * 2**20
# Talk requests a sender (address and e-mail) may send per hour.
PRESENTER_TALK_REQUESTS_PER_HOUR = 3
