"""Fault tests over real HTTP: the database restarting, the mail server down, workers killed.

    make faults                        # or: DATABASE_URL=postgres://… .venv/bin/python benchmarks/faults.py

On a fresh database `<name>_faults` (dropped afterwards) behind gunicorn in production mode,
while people submit self-diagnosis results and declarations:

1. PostgreSQL restarts (`pg_ctlcluster … stop` then `start`, so it needs the local cluster
   and root; skipped with a notice otherwise). `/healthz` must answer 503 while it is down
   and 200 again within a few seconds of it coming back, without restarting gunicorn, and
   every page must work again.
2. The mail server is down when someone signs up: the page must still answer normally, the
   mail must wait in the outbox, and once an SMTP server listens the drainer
   (`manage.py send_outbox`) must deliver it, exactly once.
3. Workers are killed (SIGKILL) one after another while requests are in flight: gunicorn
   replaces them and the database holds no half-written result or declaration.
4. The task worker (`manage.py worker`) is killed (SIGKILL, its whole process group) while it
   is handing a batch of queued mails to the mail server, one of them in mid-conversation. A
   new worker must deliver every message: none lost, none sent twice.

After 1 and 3 the data is checked whole: each declaration has its ID and review event and
the ID counter matches, each result has its 25 answers and scores, and the peer aggregates
equal a recount from scratch. Exit status 1 when a check fails.
"""

import argparse
import os
import random
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.clients import (  # noqa: E402
    DECLARATION_FORM,
    DIAGNOSIS_FORM,
    Checks,
    django_setup,
    people_with_organisations,
    require_postgres,
    scratch_database,
    send,
    sibling_database_url,
)
from benchmarks.servers import (  # noqa: E402
    ROOT,
    Gunicorn,
    TaskWorker,
    collectstatic,
    free_port,
    get,
    production_environment,
)


class Traffic:
    """People submitting results and declarations in a loop until stopped."""

    def __init__(self, url: str, people, threads: int = 8):
        self.url, self.people, self.threads = url, people, threads
        self.statuses: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._workers = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, n: int) -> None:
        rng = random.Random(n)
        while not self._stop.is_set():
            person = rng.choice(self.people)
            path, form = (
                ("/declaration/apply/", DECLARATION_FORM)
                if rng.random() < 0.3
                else ("/diagnosis/take/", DIAGNOSIS_FORM)
            )
            sent = send(self.url, "POST", path, headers=person.form_headers(), form=form, timeout=10)
            self.statuses.append((time.monotonic(), sent.status))

    def __enter__(self):
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        for worker in self._workers:
            worker.join()

    def count(self, since: float = 0, until: float = float("inf")) -> Counter:
        return Counter(status for at, status in self.statuses if since <= at < until)


def data_is_whole(check: Checks) -> None:
    """Nothing half-written: the invariants every transaction keeps."""
    from django.db import connections
    from django.db.models import Count, Q

    from declaration.ids import is_valid_declaration_id
    from declaration.models import Declaration, IdCounter
    from diagnosis.models import Assessment, Status
    from tests.diagnosis.brute_force import aggregate_mismatches

    connections.close_all()  # a connection from before a restart is gone
    declarations = Declaration.objects.annotate(event_count=Count("events"))
    issued = list(declarations.exclude(declaration_id="").values_list("declaration_id", flat=True))
    check(
        all(map(is_valid_declaration_id, issued)) and len(set(issued)) == len(issued),
        f"{len(issued)} declarations, IDs valid and different",
    )
    check(not declarations.filter(event_count=0).exists(), "every declaration has its review event")
    counter = IdCounter.objects.values_list("last_serial", flat=True).first() or 0
    check(counter == len(issued), f"the ID counter ({counter}) equals the IDs issued ({len(issued)})")
    completed = Assessment.objects.filter(status=Status.COMPLETED)
    broken = completed.filter(Q(total_score__isnull=True) | Q(completed_at__isnull=True)).count()
    short = sum(len(answers) != 25 for answers in completed.values_list("answers", flat=True))
    check(broken == 0 and short == 0, f"{completed.count()} results, each with 25 answers and its scores")
    # The worker counts results in the peer aggregates after their requests: let it catch up first.
    from diagnosis.services import statistics_catch_up

    print(f"  the worker's statistics catch-up counted {statistics_catch_up()} organisations")
    mismatches = aggregate_mismatches()  # every questionnaire version
    check(
        not mismatches,
        "peer aggregates equal a recount from scratch, each organisation's latest result counted once"
        + (f" (wrong: {', '.join(mismatches)})" if mismatches else ""),
    )


def database_restart(check: Checks, server: Gunicorn, people) -> None:
    print("\n1. PostgreSQL restarts under load")
    clusters = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not clusters or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        print("  skipped: needs the local PostgreSQL cluster (pg_ctlcluster) and root")
        return
    version = clusters[-1]
    with Traffic(server.url, people) as traffic:
        time.sleep(2)
        stopped_at = time.monotonic()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "stop", "-m", "fast"], check=True
        )
        time.sleep(1)
        down = [get(f"{server.url}/healthz", timeout=5) for _ in range(3)]
        check(all(status == 503 for status in down), f"/healthz while the database is down: {down}")
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=True)
        up_at = time.monotonic()
        while get(f"{server.url}/healthz", timeout=5) != 200 and time.monotonic() - up_at < 30:
            time.sleep(0.1)
        recovered = time.monotonic() - up_at
        check(recovered < 5, f"/healthz answered 200 {recovered:.2f} s after PostgreSQL was back")
        time.sleep(3)
        after = time.monotonic()
        time.sleep(3)
    before = traffic.count(until=stopped_at)
    outage = traffic.count(since=stopped_at, until=up_at + recovered)
    later = traffic.count(since=after)
    print(f"  answers before {dict(before)}, during the outage {dict(outage)}, after recovery {dict(later)}")
    # 200 is the "already declared" page when two submissions for one organisation cross.
    check(
        set(before) <= {200, 302} and set(later) <= {200, 302} and bool(later),
        "every submission before and after the outage succeeded",
    )
    data_is_whole(check)


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self):
        self.wfile.write(b"220 faults.test ESMTP\r\n")
        recipients, envelope = [], None
        while line := self.rfile.readline():
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "DATA":
                if len(self.server.messages) + 1 == self.server.stall_on and not self.server.stalled.is_set():
                    # Hold this conversation until the test has killed the sender; nothing was
                    # accepted, so nothing is recorded.
                    self.server.stalled.set()
                    self.server.release.wait(30)
                    return
                self.wfile.write(b"354 go ahead\r\n")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                self.server.messages.append((envelope, recipients, b"".join(body)))
                recipients = []
                self.wfile.write(b"250 queued\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:
                if verb == "MAIL":
                    envelope = command
                elif verb == "RCPT":
                    recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 ok\r\n")


def smtp_server(port: int, *, stall_on: int = 0) -> socketserver.ThreadingTCPServer:
    """A listening mail server; with `stall_on`, the conversation of that message stalls."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", port), _SMTPHandler)
    server.daemon_threads = True
    server.messages, server.stall_on = [], stall_on
    server.stalled, server.release = threading.Event(), threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def mail_environment(environment: dict, port: int) -> dict:
    return environment | {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "3",
    }


def mail_server_down(check: Checks, environment: dict) -> None:
    print("\n2. The mail server is down during sign-up")
    from portal.models import OutboxMessage

    port = free_port()
    mail = mail_environment(environment, port)
    address = f"newcomer-{port}@faults.example.jp"
    waiting = OutboxMessage.objects.filter(to__icontains=address)
    with Gunicorn(mail, workers=2) as server, TaskWorker(mail):
        csrf = "c" * 32
        sent = send(
            server.url,
            "POST",
            "/accounts/signup/",
            headers={
                "Cookie": f"csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            form={
                "email": address,
                "full_name": "新規 花子",
                "full_name_kana": "しんき はなこ",
                "password1": "a-long-enough-passphrase-42",
                "password2": "a-long-enough-passphrase-42",
                "agree": "on",
            },
        )
        check(sent.status == 302, f"sign-up answered {sent.status} (a redirect) with no mail server")
        for _ in range(300):  # the worker takes the task and fails to reach the mail server
            if waiting.filter(attempts__gte=1, status=OutboxMessage.Status.PENDING).exists():
                break
            time.sleep(0.1)
    message = waiting.first()
    check(
        message is not None and message.status == OutboxMessage.Status.PENDING and message.attempts == 1,
        f"the verification mail waits in the outbox ({message and message.status}, {message and message.attempts} attempt)",
    )
    if message is None:
        return
    server = smtp_server(port)
    try:
        waiting.update(next_attempt_at=message.created_at)  # as if the retry pause had passed
        for _ in range(2):  # the second run must not send it again
            subprocess.run([sys.executable, "manage.py", "send_outbox"], cwd=ROOT, env=mail, check=True)
    finally:
        server.shutdown()
        server.server_close()
    message.refresh_from_db()
    delivered = [m for m in server.messages if address in m[1]]
    check(len(delivered) == 1, f"the SMTP server received it {len(delivered)} time(s) (expected once)")
    check(b"/accounts/" in delivered[0][2] if delivered else False, "with the verification link")
    check(message.status == OutboxMessage.Status.SENT, f"the outbox marks it {message.status}")


def task_worker_killed(check: Checks, environment: dict, *, messages: int = 20, stall_on: int = 8) -> None:
    print("\n4. The task worker is killed in the middle of a batch of mail")
    from django.db import transaction

    from portal.lib import outbox
    from portal.models import OutboxMessage

    port = free_port()
    # Short pauses so that the test takes seconds: a dead worker's task comes back after
    # TASK_RETRY_SECONDS, and its claim on the message lapses after the lease.
    mail = mail_environment(environment, port) | {
        "TASK_WORKERS": "1",
        "TASK_TIMEOUT_SECONDS": "5",
        "TASK_RETRY_SECONDS": "6",
        "OUTBOX_SENDING_LEASE_SECONDS": "4",
    }
    tag = f"fault-{port}"
    with transaction.atomic():  # queued as a request would: the messages and their tasks at once
        for number in range(1, messages + 1):
            outbox.enqueue(to=[f"{tag}-{number}@faults.example.jp"], subject=f"{tag} {number}", text="本文")
    ours = OutboxMessage.objects.filter(subject__startswith=tag)
    server = smtp_server(port, stall_on=stall_on)
    try:
        worker = TaskWorker(mail).__enter__()
        stalled = server.stalled.wait(60)
        worker.kill()
        killed_at = time.monotonic()
        server.release.set()
        before = len(server.messages)
        statuses = Counter(ours.values_list("status", flat=True))
        print(f"  killed while sending message {stall_on}: {before} delivered, outbox {dict(statuses)}")
        check(stalled, f"the worker reached message {stall_on} and was killed while sending it")
        with TaskWorker(mail):
            unsent = ours.exclude(status=OutboxMessage.Status.SENT)
            while time.monotonic() - killed_at < 90 and unsent.exists():
                time.sleep(0.2)
            recovered = time.monotonic() - killed_at
            time.sleep(2)  # anything still queued would go out now
    finally:
        server.shutdown()
        server.server_close()
    received = Counter(message[1][0] for message in server.messages if tag in message[1][0])
    twice = [address for address, count in received.items() if count > 1]
    print(
        f"  a new worker finished the batch {recovered:.1f} s after the kill; "
        f"{len(received)} of {messages} received, {len(twice)} received twice"
    )
    check(len(received) == messages, f"every message was delivered ({len(received)} of {messages})")
    check(not twice, f"no message was delivered twice ({twice})")
    check(
        ours.filter(status=OutboxMessage.Status.SENT).count() == messages,
        "the outbox marks every message sent",
    )


def workers_replaced(server: Gunicorn, *, workers: int, limit: float = 30) -> float:
    """Seconds until gunicorn has its workers back and they answer: all `workers` processes
    exist and ten health checks in a row succeed. On a busy machine a new worker takes longer
    to import the app than on an idle one, so "calm" starts when this says so, not after a fixed
    two seconds."""
    started = time.monotonic()
    in_a_row = 0
    while time.monotonic() - started < limit and in_a_row < 10:
        if len(server.worker_pids()) >= workers and get(server.url + "/healthz") == 200:
            in_a_row += 1
        else:
            in_a_row = 0
        time.sleep(0.1)
    return time.monotonic() - started


def workers_killed(check: Checks, server: Gunicorn, people) -> None:
    print("\n3. Workers are killed in the middle of requests")
    kills = 0
    with Traffic(server.url, people, threads=12) as traffic:
        time.sleep(1)
        for _ in range(12):
            pids = server.worker_pids()
            if pids:
                os.kill(random.choice(pids), signal.SIGKILL)
                kills += 1
            time.sleep(0.4)
        replaced = workers_replaced(server, workers=3)
        calm = time.monotonic()
        time.sleep(3)
    statuses = traffic.count()
    print(f"  gunicorn had replaced the workers {replaced:.1f} s after the last kill")
    print(f"  {kills} workers killed; answers {dict(statuses)} (0 = connection cut by a kill)")
    check(statuses.get(0, 0) > 0, "some requests were cut off mid-way by the kills")
    check(
        set(traffic.count(since=calm)) <= {200, 302},
        "once gunicorn replaced the workers, every submission succeeded",
    )
    check(not any(status >= 500 for status in statuses), "no 5xx: a killed request is cut, never half-done")
    data_is_whole(check)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    options = parser.parse_args()
    url = sibling_database_url(require_postgres(), "faults")
    with scratch_database(url, keep=options.keep):
        return run(options, url)


def run(options, url: str) -> int:
    environment = production_environment(url)
    django_setup(environment)
    collectstatic(environment)
    people = [admins[0] for _organisation, admins in people_with_organisations(40, prefix="faults")]
    check = Checks()
    with Gunicorn(environment, workers=3) as server:
        database_restart(check, server, people)
        workers_killed(check, server, people)
    mail_server_down(check, environment)
    task_worker_killed(check, environment)
    return check.exit_status()


if __name__ == "__main__":
    sys.exit(main())
