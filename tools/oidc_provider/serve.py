"""Run the development OpenID Connect provider: create its database, register the portal as a
client, seed the demo accounts, then serve on 127.0.0.1:<port> until stopped.

    python -m tools.oidc_provider.serve --port 8001 \
        --client-id portal --client-secret dev-secret \
        --redirect-uri http://127.0.0.1/accounts/oidc/gbizid/login/callback/

A redirect URI on 127.0.0.1 matches any port (RFC 8252, loopback redirects), so one
registration serves every port the portal runs on. The issuer is http://127.0.0.1:<port>/oauth.
"""

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

ROOT = Path(__file__).resolve().parents[2]


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of the base class
        if os.environ.get("OIDC_PROVIDER_VERBOSE"):
            super().log_message(format, *args)


def prepare(*, client_id: str, client_secret: str, redirect_uris: list[str]) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tools.oidc_provider.accounts import DEMO_PASSWORD, demo_users

    call_command("migrate", verbosity=0, interactive=False)
    User = get_user_model()
    for username in demo_users():
        user, _created = User.objects.get_or_create(username=username)
        user.set_password(DEMO_PASSWORD)
        user.save()
    Application.objects.filter(client_id=client_id).delete()
    Application.objects.create(
        name="SECURITY ACTION portal",
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(redirect_uris),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,  # GビズID asks for consent once; the demo never does
    )


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--client-id", default=os.environ.get("GBIZID_CLIENT_ID", "portal-dev"))
    parser.add_argument(
        "--client-secret", default=os.environ.get("GBIZID_CLIENT_SECRET", "portal-dev-secret")
    )
    parser.add_argument("--redirect-uri", action="append", dest="redirect_uris")
    parser.add_argument("--database", help="SQLite file (default: a new temporary file)")
    args = parser.parse_args(argv)
    redirect_uris = args.redirect_uris or [
        "http://127.0.0.1/accounts/oidc/gbizid/login/callback/",
        "http://testserver/accounts/oidc/gbizid/login/callback/",
    ]

    sys.path.insert(0, str(ROOT))
    database = args.database or str(Path(tempfile.mkdtemp(prefix="oidc-provider-")) / "provider.sqlite3")
    os.environ["OIDC_PROVIDER_DATABASE"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "tools.oidc_provider.settings"
    import django

    django.setup()
    prepare(client_id=args.client_id, client_secret=args.client_secret, redirect_uris=redirect_uris)

    from django.core.wsgi import get_wsgi_application

    server = make_server(
        args.host, args.port, get_wsgi_application(), server_class=ThreadingServer, handler_class=QuietHandler
    )
    print(f"OIDC provider: issuer http://{args.host}:{server.server_port}/oauth", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
