"""Load benchmark: gunicorn on PostgreSQL with a national-scale database, driven by wrk.

    make bench-load                    # or, with the variables set by hand:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal .venv/bin/python benchmarks/load.py

The database is `<name>_load` beside the one in DATABASE_URL. The first run migrates it and
fills it with `seed_demo` (100,000 organisations with full activity, topped up to 500,000
active declarations: about 5 minutes here); later runs reuse it. Then it starts gunicorn in
production mode (one worker per core plus the usual spare, Redis as the cache when it
answers) and runs wrk against each page in turn with 20 connections: no think time, so
every number is what the machine does flat out. Per page it prints requests per second,
median and p95 latency, errors (non-2xx/3xx and socket errors) and the throughput as a
share of `/healthz` measured beside it, and marks each against the targets of issue 18:
p95 < 100 ms for every page and < 300 ms for PDFs; throughput at least half of /healthz's for
anonymous public pages (the API look-up included), a quarter for signed-in pages, and a fifth
for everything else (the forms people submit).

With `--bare`, three requests that are not pages of the portal run before the forms: a bare
signed-in POST that only redirects, the same with five round trips to Redis, and with one
upsert and its commit (benchmarks/bare_urls.py, served by this gunicorn only). They show what
any signed-in form costs on this stack before it does anything of its own, next to the forms
that do.

Logged-in pages are driven as 20 different people, each in their own organisation, with
real sessions and CSRF tokens; searches and look-ups rotate through hundreds of different
queries and IDs (300 registry searches, 500 declaration IDs), so a cached page is reused
only when its query comes round again, as popular searches do on a busy site.

`/healthz` runs before the first page, between every two pages and after the last, and each
page's share is taken of the mean of the two runs beside it: these shared machines drift by a
fifth or more within minutes (`/healthz` 730–1130 req/s in two minutes on one of them), which a
single `/healthz` at the start would read as the later pages being slow.
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.clients import (  # noqa: E402
    DIAGNOSIS_FORM,
    django_setup,
    ensure_database,
    logged_in,
    require_postgres,
    sibling_database_url,
)
from benchmarks.servers import (  # noqa: E402
    ROOT,
    Gunicorn,
    TaskWorker,
    collectstatic,
    production_environment,
    redis_answers,
)

P95_MS = 100
PDF_P95_MS = 300
PUBLIC, SIGNED_IN, WRITE, PDF, BASE = "public", "signed in", "write", "pdf", "base"
BARE = "bare"  # not a page of the portal: measured, not judged
SHARE_OF_HEALTHZ = {PUBLIC: 0.5, SIGNED_IN: 0.25, WRITE: 0.2}

LUA = r"""
local requests = %(requests)s
local counter = 0

function setup(thread)
  thread:set("offset", %(offset)s)
end

function init(args)
  counter = offset
end

function request()
  counter = counter + 1
  local r = requests[(counter %% #requests) + 1]
  return wrk.format(r[1], r[2], r[3], r[4])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p95_us": %%d, "max_us": %%d, ' ..
    '"status_errors": %%d, "socket_errors": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass
class Page:
    name: str
    requests: list[tuple[str, str, dict, str]] = field(default_factory=list)
    kind: str = PUBLIC


def lua_table(requests) -> str:
    def quote(value: str) -> str:
        return json.dumps(value, ensure_ascii=True)  # JSON strings are valid Lua strings here

    rows = []
    for method, path, headers, body in requests:
        header_items = ", ".join(f"[{quote(k)}] = {quote(v)}" for k, v in headers.items())
        rows.append(
            f"{{{quote(method)}, {quote(path)}, {{{header_items}}}, {quote(body) if body else 'nil'}}}"
        )
    return "{\n" + ",\n".join(rows) + "\n}"


def prepare(organisations: int, declarations: int, clients: int) -> dict:
    """Seed when needed; make the people the load logs in as. Returns what the pages need."""
    from declaration.models import Declaration, Status
    from diagnosis.models import Assessment
    from diagnosis.selectors import current_questionnaire
    from diagnosis.services import assessment_complete
    from learning.models import Certificate, Theme
    from learning.quiz import draw
    from learning.selectors import quiz_questions
    from learning.services import attempt_record, quiz_grade
    from portal.models import Membership, Organisation, Role, User

    active = Declaration.objects.filter(status=Status.ACTIVE).count()
    if Organisation.objects.count() < organisations or active < declarations:
        print(f"seeding {organisations:,} organisations and {declarations:,} declarations (first run only)…")
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "seed_demo",
                f"--organisations={organisations}",
                f"--declarations={declarations}",
                "--seed=1",
            ],
            cwd=ROOT,
            check=True,
        )
        print(f"seeded in {time.monotonic() - started:.0f} s")
    questionnaire = current_questionnaire()
    theme = Theme.objects.get(number=1)
    quiz = draw(quiz_questions(theme), theme_id=theme.pk, rng=random.Random(1))  # one fixed draw
    questions = quiz.questions
    correct = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
    people = []
    for n in range(clients):
        user, _created = User.objects.get_or_create(
            email=f"load-{n}@bench.example.jp", defaults={"full_name": f"負荷 試験{n}"}
        )
        membership = Membership.objects.filter(user=user).select_related("organisation").first()
        if membership is None:
            organisation = Organisation.objects.create(
                name=f"負荷試験株式会社{n}", prefecture="13", industry="E", size_band="6-20"
            )
            Membership.objects.create(user=user, organisation=organisation, role=Role.ADMIN)
        else:
            organisation = membership.organisation
        user.current_organisation = organisation
        user.save(update_fields=["current_organisation"])
        assessment = Assessment.objects.filter(organisation=organisation, status="completed").first()
        if assessment is None:
            answers = {str(i): random.choice(["yes", "partly", "no"]) for i in range(1, 26)}
            assessment = assessment_complete(
                questionnaire=questionnaire, organisation=organisation, user=user, answers=answers
            )
        certificate = Certificate.objects.filter(user=user, theme=theme).first()
        if certificate is None:
            attempt_record(user=user, theme=theme, graded=quiz_grade(questions=questions, answers=correct))
            certificate = Certificate.objects.get(user=user, theme=theme)
        people.append(
            {
                "person": logged_in(user),
                "result": assessment.get_absolute_url(),
                "certificate": f"/certificates/{certificate.code}.pdf",
            }
        )
    rng = random.Random(7)
    ids = list(
        Declaration.objects.filter(status=Status.ACTIVE)
        .order_by("?")
        .values_list("declaration_id", flat=True)[:500]
    )
    names = list(Organisation.objects.order_by("?").values_list("name", flat=True)[:300])
    return {
        "people": people,
        "ids": ids,
        "searches": [name[-6:-2] for name in names],
        "quiz": {"draw": quiz.token} | {f"q_{question}": str(choice) for question, choice in correct.items()},
        "rng": rng,
    }


def pages(data: dict, *, bare: bool = False) -> list[Page]:
    from portal.lib.prefectures import Prefecture

    people, rng = data["people"], data["rng"]

    def as_person(p):
        return p["person"].headers

    def post(path, body, p):
        return ("POST", path, p["person"].form_headers(), urlencode(body))

    searches = []
    for query in data["searches"]:
        params = {"q": query}
        if rng.random() < 0.4:
            params["prefecture"] = rng.choice(Prefecture.values)
        if rng.random() < 0.3:
            params["stars"] = rng.choice(["1", "2"])
        searches.append(("GET", "/registry/?" + urlencode(params), {}, ""))
    bare_writes = [
        Page("bare signed-in POST", [post("/bench/bare-post/", DIAGNOSIS_FORM, p) for p in people], BARE),
        Page("bare POST + 5 cache reads", [post("/bench/bare-reads/", DIAGNOSIS_FORM, p) for p in people], BARE),
        Page("bare POST + one write", [post("/bench/bare-write/", DIAGNOSIS_FORM, p) for p in people], BARE),
    ]
    return [
        Page("healthz", [("GET", "/healthz", {}, "")], BASE),
        *(bare_writes if bare else []),
        Page("home", [("GET", "/", {}, "")]),
        Page("diagnosis take (GET)", [("GET", "/diagnosis/take/", as_person(p), "") for p in people], SIGNED_IN),
        Page("diagnosis submit (POST)", [post("/diagnosis/take/", DIAGNOSIS_FORM, p) for p in people], WRITE),
        Page("diagnosis result", [("GET", p["result"], as_person(p), "") for p in people], SIGNED_IN),
        Page("registry search", searches),
        Page("verification page", [("GET", f"/registry/{i}/", {}, "") for i in data["ids"]]),
        Page("API lookup", [("GET", f"/api/v1/declarations/{i}", {}, "") for i in data["ids"]]),
        Page("learning quiz submit (POST)", [post("/learning/1/quiz/", data["quiz"], p) for p in people], WRITE),
        Page("certificate PDF", [("GET", p["certificate"], as_person(p), "") for p in people], PDF),
        Page(
            "presenter search",
            [("GET", "/presenters/?" + urlencode({"prefecture": pref}), {}, "") for pref in Prefecture.values]
            + [("GET", "/presenters/?" + urlencode({"expertise": "basics"}), {}, "")],
        ),
    ]


def run_wrk(url: str, page: Page, *, connections: int, seconds: int, threads: int = 2) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "page.lua"
        script.write_text(
            # Each wrk thread starts at a random place in the list.
            LUA % {"requests": lua_table(page.requests), "offset": "math.random(1, 100000)"},
            encoding="utf-8",
        )
        output = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    result = results[-1]
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def load_environment() -> dict[str, str]:
    """The production environment on the load database (created if need be), with Django set
    up on it in this process."""
    url = sibling_database_url(require_postgres(), "load")
    ensure_database(url)
    environment = production_environment(url, API_RATE_LIMIT_PER_MINUTE=str(10**9))
    if redis_answers():
        environment["REDIS_URL"] = "redis://127.0.0.1:6379/5"
    django_setup(environment)
    return environment


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--declarations", type=int, default=500_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--only", help="run only pages whose name contains this")
    parser.add_argument(
        "--bare",
        action="store_true",
        help="also run a bare signed-in POST, one with five cache reads and one with one write",
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk (make bench-load does it)")
        return 2
    environment = load_environment()
    collectstatic(environment)
    data = prepare(options.organisations, options.declarations, options.clients)
    _vacuum()
    _print_scale()
    print(
        f"gunicorn: {options.workers} sync workers on {os.cpu_count()} cores; wrk: {options.clients} "
        f"connections, {options.seconds} s per page; cache: {environment.get('REDIS_URL', 'local memory')}"
    )
    every = pages(data, bare=options.bare)
    healthz = next(page for page in every if page.kind == BASE)  # measured beside every page
    selected = [p for p in every if p is not healthz and (not options.only or options.only in p.name)]
    # As deployed: a task worker beside the app servers (mail, and counting results in the peer
    # figures), sharing the same two cores.
    served = environment | ({"DJANGO_SETTINGS_MODULE": "benchmarks.bare_settings"} if options.bare else {})
    with Gunicorn(served, workers=options.workers) as server, TaskWorker(environment):

        def measure(page: Page) -> dict:
            return run_wrk(server.url, page, connections=options.clients, seconds=options.seconds)

        run_wrk(server.url, healthz, connections=options.clients, seconds=2)  # warm the workers
        bases = [measure(healthz)]
        measured = []
        for page in selected:
            run_wrk(server.url, page, connections=options.clients, seconds=2)  # warm its caches
            measured.append((page, measure(page)))
            bases.append(measure(healthz))
    report(healthz, bases, measured)
    return 0


def beside(bases: list[dict], index: int) -> float:
    """The /healthz req/s that the `index`th page is compared with: the mean of the runs just
    before and just after it."""
    return (bases[index]["rps"] + bases[index + 1]["rps"]) / 2


def report(healthz: Page, bases: list[dict], measured: list[tuple[Page, dict]]) -> int:
    """Print the table; `bases` are the /healthz runs, one before each page and one after the
    last. Returns how many targets were missed."""
    rates = [base["rps"] for base in bases]
    print(
        f"\n/healthz: {len(rates)} runs, {min(rates):.0f}–{max(rates):.0f} req/s (mean {sum(rates) / len(rates):.0f});"
        " each page's share is of the mean of the runs just before and after it"
    )
    header = f"{'page':<30} {'kind':<9} {'req/s':>8} {'median':>9} {'p95':>9} {'errors':>7} {'healthz':>8} {'share':>6}  target"
    print(f"\n{header}")
    missed = 0
    rows = [(healthz, bases[0], bases[0]["rps"])]
    rows += [(page, result, beside(bases, index)) for index, (page, result) in enumerate(measured)]
    for page, result, base in rows:
        errors = result["status_errors"] + result["socket_errors"]
        p95 = result["p95_us"] / 1000
        share = result["rps"] / base
        verdicts = [] if errors == 0 else ["ERRORS"]
        if page.kind == PDF:
            verdicts.append("ok" if p95 < PDF_P95_MS else f"p95 >= {PDF_P95_MS} ms")
        elif page.kind in {BASE, BARE}:
            verdicts.append("-")
        else:
            verdicts.append("ok" if p95 < P95_MS else f"p95 >= {P95_MS} ms")
            if share < SHARE_OF_HEALTHZ[page.kind]:
                verdicts.append(f"< {SHARE_OF_HEALTHZ[page.kind]:.0%} of healthz")
        missed += sum(v not in {"ok", "-"} for v in verdicts)
        print(
            f"{page.name:<30} {page.kind:<9} {result['rps']:8.1f} {result['p50_us'] / 1000:7.1f}ms {p95:7.1f}ms "
            f"{errors:7d} {base:8.0f} {share:6.0%}  {', '.join(dict.fromkeys(verdicts))}"
        )
    print(f"\n{missed} target(s) missed")
    return missed


def _vacuum() -> None:
    """Clear what earlier runs left: each run's submissions leave tens of thousands of dead row
    versions (a result, and the one it replaces in the peer figures, rewritten by the worker).
    PostgreSQL's autovacuum clears them as it goes, but a server may run with it off (this
    development machine's does), and the writes would then slow down from one run to the next."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        autovacuum = cursor.fetchone()[0]
        started = time.monotonic()
        cursor.execute("VACUUM (ANALYZE)")
    print(f"vacuumed in {time.monotonic() - started:.1f} s (the server's autovacuum is {autovacuum})")


def _print_scale() -> None:
    from declaration.models import Declaration
    from diagnosis.models import Assessment
    from portal.models import Organisation

    print(
        f"data: {Organisation.objects.count():,} organisations, {Declaration.objects.count():,} declarations, "
        f"{Assessment.objects.count():,} self-diagnosis results"
    )


if __name__ == "__main__":
    sys.exit(main())
