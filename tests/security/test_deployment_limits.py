"""Finding 9 (and 17's SECRET_KEY): limits that hold whatever the deployment.

The attacks: with three gunicorn workers and no Redis each worker counted alone (327 of 400
API calls passed a 120/min limit); with TRUSTED_PROXY_COUNT=1 and the app port reachable, a
forged X-Forwarded-For bypassed the limits and faked audit addresses; a weak or example
SECRET_KEY was accepted in production.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.models import AuditEntry

ROOT = Path(__file__).resolve().parent.parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
STRONG_KEY = "kq3-Vb8_Zt1pX0mLr7sWnE2yHc6uJf9aDg4oTi5QeBv-NlRhS2kM"


def production_env(**extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "SINGLE_PROCESS", "WEB_CONCURRENCY")
    }
    env.update({"DEBUG": "false", "ALLOWED_HOSTS": "portal.example.jp", "SECRET_KEY": STRONG_KEY, **extra})
    return env


def run(command, **env):
    return subprocess.run(
        command, cwd=ROOT, env=production_env(**env), capture_output=True, text=True, timeout=90
    )


def serve(**env):
    """Import the WSGI application as every worker does."""
    return run([sys.executable, "-c", "import portal.wsgi"], **env)


# --- Several workers on a per-process cache ------------------------------------------------------


def test_gunicorn_with_three_workers_and_no_redis_refuses_to_start():
    result = run([str(GUNICORN), "portal.wsgi", "--workers=3", "--bind=127.0.0.1:0", "--timeout=20"])
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_the_deploy_config_refuses_before_forking_workers():
    result = run(
        [str(GUNICORN), "-c", "deploy/gunicorn.conf.py", "portal.wsgi", "--workers=3", "--bind=127.0.0.1:0"],
        SINGLE_PROCESS="true",
    )
    assert result.returncode != 0
    assert "3 workers" in result.stderr


def test_production_without_a_shared_cache_refuses_to_serve():
    result = serve()
    assert result.returncode != 0
    assert "Production needs a shared cache: set REDIS_URL" in result.stderr


def test_a_declared_single_process_may_use_its_own_cache():
    assert serve(SINGLE_PROCESS="true").returncode == 0


def test_a_declared_single_process_with_several_workers_refuses():
    result = serve(SINGLE_PROCESS="true", WEB_CONCURRENCY="3")
    assert result.returncode != 0
    assert "3 workers" in result.stderr


def test_with_redis_production_serves():
    assert serve(REDIS_URL="redis://127.0.0.1:6379/9").returncode == 0


def test_development_needs_nothing():
    assert serve(DEBUG="true").returncode == 0


# --- Forwarded headers -------------------------------------------------------------------------


@pytest.fixture
def direct_attacker(settings):
    """The deployment as the review found it: one nginx in front, and the app port reachable."""
    settings.TRUSTED_PROXY_COUNT = 1  # what the deployment had set (now refused at start-up)
    settings.TRUSTED_PROXIES = ["10.0.0.1"]  # nginx
    return {"REMOTE_ADDR": "203.0.113.66"}  # talking to the app port directly


def test_a_forged_forwarded_header_does_not_bypass_the_api_limit(client, db, settings, direct_attacker):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    statuses = [
        client.get(
            "/api/v1/declarations", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}", **direct_attacker
        ).status_code
        for n in range(6)
    ]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_a_forged_forwarded_header_does_not_fake_the_audit_address(client_for, staff, direct_attacker):
    client_for(staff).get("/review/audit/?format=csv", HTTP_X_FORWARDED_FOR="192.0.2.1", **direct_attacker)
    assert AuditEntry.objects.get(action="export.audit_log").ip_address == "203.0.113.66"


def test_through_the_trusted_proxy_the_visitor_is_seen(client_for, staff, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    client_for(staff).get(
        "/review/audit/?format=csv", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert AuditEntry.objects.get(action="export.audit_log").ip_address == "198.51.100.7"


def test_the_old_proxy_count_setting_refuses_to_start():
    result = run([sys.executable, "manage.py", "check"], TRUSTED_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT was replaced by TRUSTED_PROXIES" in result.stderr


def test_a_proxy_that_is_not_an_address_refuses_to_start():
    result = run([sys.executable, "manage.py", "check"], TRUSTED_PROXIES="10.0.0.1,nginx")
    assert result.returncode != 0
    assert "'nginx' is not an IP address" in result.stderr


# --- SECRET_KEY --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    [
        "short-but-random-Xy7",  # < 50 characters
        "ab" * 40,  # long, but 2 distinct characters
        "django-insecure-" + "k3v9x2m7q1w8e4r6t0y5u" * 3,  # Django's startproject marker
        *[  # the .env.example value
            line.removeprefix("SECRET_KEY=")
            for line in (ROOT / ".env.example").read_text().splitlines()
            if line.startswith("SECRET_KEY=")
        ],
    ],
    ids=["short", "few-characters", "django-insecure", "example"],
)
def test_production_refuses_a_weak_secret_key(key):
    result = run([sys.executable, "manage.py", "check"], SECRET_KEY=key, SINGLE_PROCESS="true")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak for production" in result.stderr


def test_production_accepts_a_strong_secret_key():
    result = run([sys.executable, "manage.py", "check"], SINGLE_PROCESS="true")
    assert result.returncode == 0, result.stderr


# --- Every production variable is documented ------------------------------------------------


def settings_variables() -> set[str]:
    import re

    text = (ROOT / "portal" / "settings.py").read_text()
    return set(re.findall(r'(?:env_(?:bool|int|list)\(|os\.environ(?:\.get)?[(\[])"([A-Z_]+)"', text))


def test_every_environment_variable_is_in_env_example_and_the_deploy_guide():
    variables = settings_variables()
    assert {"SECRET_KEY", "SECURE_SSL_REDIRECT", "TRUSTED_PROXIES", "SINGLE_PROCESS"} <= variables
    example = {
        line.lstrip("# ").split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    guide = (ROOT / "docs" / "deploy.md").read_text()
    # TRUSTED_PROXY_COUNT is read only to refuse it: the guide says so, the example omits it.
    assert sorted(variables - example - {"TRUSTED_PROXY_COUNT"}) == []
    assert sorted(v for v in variables if f"`{v}" not in guide) == []
