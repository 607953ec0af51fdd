"""Real app servers for the load, burst and fault scripts and the scale-out tests.

`Gunicorn` starts `gunicorn portal.wsgi` in production mode (DEBUG=false, cached templates,
hashed static files) on a free loopback port, waits until `/healthz` answers and stops it
afterwards. Everything it needs is in the environment it is given, as in a deployment.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Production refuses several workers on a per-process cache (portal.lib.deployment): the
# servers here share the local Redis (make bench-setup installs redis-server).
REDIS_URL = "redis://127.0.0.1:6379/6"


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def production_environment(database_url: str, **extra: str) -> dict[str, str]:
    """What an operator would set, minus TLS (the servers listen on plain loopback HTTP)."""
    if "REDIS_URL" not in extra and not redis_answers():
        raise RuntimeError(
            "No Redis on 127.0.0.1:6379: production refuses several workers without a shared "
            "cache. Start redis-server (make bench-setup installs it)."
        )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DEBUG": "false",
        "SECRET_KEY": "load-test-only-secret-key-0123456789-abcdefghijklmnopqrstuv",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "LOG_LEVEL": "WARNING",
        # No mail server here: mail is written to the outbox and handed to a backend that
        # drops it (the fault script brings its own SMTP server).
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        **extra,
    }


def collectstatic(environment: dict[str, str], *, root: Path = ROOT) -> None:
    """Production serves hashed static files from the manifest; build it once."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=environment,
        check=True,
    )


def get(url: str, timeout: float = 5) -> int:
    """The status of a plain GET, or 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


class Gunicorn:
    """`with Gunicorn(env, workers=5) as server:` … `server.url`; `root`: the checkout it serves."""

    def __init__(
        self,
        environment: dict[str, str],
        *,
        workers: int = 5,
        port: int | None = None,
        timeout: int = 30,
        root: Path = ROOT,
    ):
        self.environment = environment
        self.root = root
        self.workers = workers
        self.port = port or free_port()
        self.timeout = timeout
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi",
                f"--workers={self.workers}",
                f"--bind=127.0.0.1:{self.port}",
                f"--timeout={self.timeout}",
                "--backlog=2048",
                "--log-level=warning",
            ],
            cwd=self.root,
            env=self.environment | {"PYTHONPATH": str(self.root)},
        )
        self.wait_until_healthy()
        return self

    def wait_until_healthy(self, seconds: float = 30) -> float:
        """Seconds until /healthz said 200; raises if it never did."""
        started = time.monotonic()
        while time.monotonic() - started < seconds:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if get(f"{self.url}/healthz", timeout=2) == 200:
                return time.monotonic() - started
            time.sleep(0.1)
        raise RuntimeError(f"{self.url}/healthz did not answer 200 within {seconds} s")

    def worker_pids(self) -> list[int]:
        output = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout
        return [int(pid) for pid in output.split()]

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class TaskWorker:
    """`with TaskWorker(env) as worker:` runs `manage.py worker` (the task runner) beside the
    servers; `worker.kill()` kills it and all its processes at once, as a machine failure would."""

    def __init__(self, environment: dict[str, str]):
        self.environment = environment
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "TaskWorker":
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "worker"],
            cwd=ROOT,
            env=self.environment,
            start_new_session=True,  # its own process group: the cluster's children die with it
            stdout=subprocess.DEVNULL,
        )
        return self

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
