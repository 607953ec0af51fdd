"""The development OpenID Connect provider (tools/oidc_provider) as a separate process for the
tests, and a person signing in with it: the authorization code flow with PKCE, ID tokens signed
with the key the provider made at start, userinfo, exactly as a browser and the portal meet
GビズID. Nothing of the flow is mocked.

`oidc_provider` (session) starts the process once; `gbizid` configures the portal for it.
"""

import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import requests

from portal import settings as portal_settings
from tools.oidc_provider.accounts import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[1]
CLIENT_ID = "portal-test"
CLIENT_SECRET = "portal-test-secret-0123456789"
CALLBACKS = [
    f"http://{host}{language}/accounts/oidc/gbizid/login/callback/"
    for host in ("127.0.0.1", "localhost", "testserver")
    for language in ("", "/en")
]


@dataclass
class Provider:
    url: str  # http://127.0.0.1:<port>

    @property
    def issuer(self) -> str:
        return f"{self.url}/oauth"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "tools.oidc_provider.serve",
        "--port",
        str(port),
        "--client-id",
        CLIENT_ID,
        "--client-secret",
        CLIENT_SECRET,
        "--database",
        str(tmp_path_factory.mktemp("oidc-provider") / "provider.sqlite3"),
    ]
    for callback in CALLBACKS:
        command += ["--redirect-uri", callback]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
    provider = Provider(url=f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the OIDC provider did not start: {process.stdout.read().decode()}")
        time.sleep(0.2)
    yield provider
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def provider_settings(provider: Provider, **overrides) -> dict:
    return {
        "id": "gbizid",
        "name": "GビズID",
        "name_en": "gBizID",
        "issuer": provider.issuer,
        "client_id": CLIENT_ID,
        "secret": CLIENT_SECRET,
        "scopes": ["openid", "profile", "email"],
        "claims": dict(portal_settings.GBIZID_DEFAULT_CLAIMS),
        "account_types": ["2", "3"],
        "email_verified": True,
        "email_authentication": False,
        **overrides,
    }


def configure(settings, provider: Provider, **overrides) -> dict:
    config = provider_settings(provider, **overrides)
    settings.OIDC_PROVIDERS = [config]
    settings.SOCIALACCOUNT_PROVIDERS = portal_settings.socialaccount_providers([config])
    settings.CONTENT_SECURITY_POLICY = portal_settings.csp_with_providers(settings.CONTENT_SECURITY_POLICY, [config])
    return config


@pytest.fixture
def gbizid(settings, oidc_provider, db):
    """The portal configured for the local provider as it would be for GビズID."""
    return configure(settings, oidc_provider)


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def provider_sign_in(authorize_url: str, username: str) -> str:
    """What the browser does at the provider: open the authorization URL, log in as `username`,
    and come back with the redirect to the portal's callback (returned)."""
    browser = requests.Session()
    response = browser.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    login_url = urljoin(authorize_url, response.headers["Location"])
    page = browser.get(login_url, timeout=10)
    token = _CSRF.search(page.text).group(1)
    next_url = dict(parse_qsl(urlsplit(login_url).query))["next"]
    response = browser.post(
        login_url,
        {"username": username, "password": DEMO_PASSWORD, "next": next_url, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    response = browser.get(
        urljoin(login_url, response.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def sign_in_with_gbizid(client, username: str, *, process: str = "login", language: str = ""):
    """The portal's 「GビズIDでログイン」 button, the provider, and the callback; returns the
    portal's answer to the callback."""
    start = client.post(f"{language}/accounts/oidc/gbizid/login/", {"process": process})
    assert start.status_code == 302, start.content[:500]
    callback = urlsplit(provider_sign_in(start["Location"], username))
    return client.get(f"{callback.path}?{callback.query}")
