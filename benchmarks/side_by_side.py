"""Two revisions served side by side under the same load, to tell which costs less per request.

    make bench-side-by-side ARGS="--against 7d7408d --page 'diagnosis submit'"

On these shared two-core machines the speed moves by ±10 % (and more) from one minute to the
next, so two `make bench-load` runs minutes apart cannot show a change of a few per cent: the
machine's drift decides. Here both revisions run at the same time on the same database, Redis
and task worker (gunicorn with three workers each, as `load.py` runs one), and wrk drives each
with half of `load.py`'s 20 connections; whatever the machine does, it does to both. With the
cores saturated, each server gets a like share of them, so the ratio of their throughputs is
the inverse ratio of their cost per request. Half the rounds run with the servers started in
one order, half with them started again in the other; the script prints each round's ratio
and their geometric mean.

`--against` takes any revision whose dependencies are the ones installed here: it is checked
out into a temporary worktree (its translations compiled, its static files collected) and
removed afterwards. The pages and people are `load.py`'s, on its database (`<name>_load`,
filled by the first `make bench-load`).
"""

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.load import _vacuum, load_environment, pages, prepare, run_wrk  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    ROOT,
    Gunicorn,
    TaskWorker,
    collectstatic,
)

CONNECTIONS = 10  # each: load.py's 20 in all


@contextmanager
def worktree(revision: str):
    """`revision` checked out in a temporary folder, ready to serve with this checkout's
    packages; removed afterwards."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", str(path), revision], cwd=ROOT, check=True)
        try:
            subprocess.run(
                [sys.executable, "manage.py", "compilemessages", "--ignore=.venv", "-v0"],
                cwd=path,
                check=True,
            )
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)


def _drive(url: str, page, seconds: int, results: dict, name: str) -> None:
    results[name] = run_wrk(url, page, connections=CONNECTIONS, seconds=seconds)


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU these processes have used so far."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def side_by_side(
    environment, roots: dict[str, Path], page, *, seconds: int, rounds: int
) -> dict[str, list[float]]:
    """Per round, "this" against "other": the requests each served in the same seconds
    ("throughput") and its workers' CPU per request ("cpu"), as ratios. `rounds` with the
    servers started in one order, then as many with them started again in the other."""
    ratios = {"throughput": [], "cpu": []}
    for order in (list(roots), list(reversed(roots))):
        with ExitStack() as running:
            servers = {
                name: running.enter_context(Gunicorn(environment, workers=3, root=roots[name]))
                for name in order
            }
            workers = {name: server.worker_pids() for name, server in servers.items()}
            for number in range(rounds + 1):  # round 0 warms both up and is not counted
                results = {}
                threads = [
                    threading.Thread(
                        target=_drive, args=(servers[name].url, page, seconds if number else 2, results, name)
                    )
                    for name in order
                ]
                cpu = {name: cpu_seconds(pids) for name, pids in workers.items()}
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                if number == 0:
                    continue
                per_request = {
                    name: (cpu_seconds(pids) - cpu[name]) / results[name]["requests"] * 1000
                    for name, pids in workers.items()
                }
                this, other = results["this"], results["other"]
                errors = sum(r["status_errors"] + r["socket_errors"] for r in results.values())
                ratios["throughput"].append(this["rps"] / other["rps"])
                ratios["cpu"].append(per_request["this"] / per_request["other"])
                print(
                    f"{' first, '.join(order)} second, round {number}: "
                    f"this {this['rps']:6.1f} req/s, {per_request['this']:.2f} ms CPU each "
                    f"(p95 {this['p95_us'] / 1000:5.1f} ms); "
                    f"other {other['rps']:6.1f} req/s, {per_request['other']:.2f} ms CPU each "
                    f"(p95 {other['p95_us'] / 1000:5.1f} ms); errors {errors}",
                    flush=True,
                )
    return ratios


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(map(math.log, values)) / len(values))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--against", required=True, help="the other revision (a commit, tag or branch)")
    parser.add_argument(
        "--page", default="diagnosis submit", help="a page of load.py whose name contains this"
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=4, help="rounds in each order")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed: apt-get install wrk (make bench-packages does it)")
        return 2
    environment = load_environment()
    data = prepare(100_000, 500_000, 20)
    chosen = [page for page in pages(data) if options.page in page.name]
    if not chosen:
        print(f"No page of load.py is named like {options.page!r}")
        return 2
    _vacuum()
    with worktree(options.against) as other, TaskWorker(environment):
        roots = {"this": ROOT, "other": other}
        for root in roots.values():
            collectstatic(environment, root=root)
        ratios = side_by_side(environment, roots, chosen[0], seconds=options.seconds, rounds=options.rounds)
    name = chosen[0].name
    throughput, cpu = ratios["throughput"], ratios["cpu"]
    print(
        f"\n{name}, this checkout against {options.against} (geometric means of {len(cpu)} rounds):\n"
        f"  requests served in the same seconds: {geometric_mean(throughput):.3f}× "
        f"({min(throughput):.3f}–{max(throughput):.3f})\n"
        f"  app server CPU per request: {geometric_mean(cpu):.3f}× ({min(cpu):.3f}–{max(cpu):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
