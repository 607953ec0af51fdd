"""The load benchmark's table (`benchmarks/load.py`): each page is judged against the /healthz
runs just before and after it, so the machine drifting between pages does not read as a page
being slow or fast."""

from benchmarks.load import BASE, PDF, PUBLIC, WRITE, Page, beside, report


def run(rps: float, p95_ms: float = 20.0, errors: int = 0) -> dict:
    return {
        "rps": rps,
        "p50_us": 10_000,
        "p95_us": int(p95_ms * 1000),
        "status_errors": errors,
        "socket_errors": 0,
    }


HEALTHZ = Page("healthz", kind=BASE)


def test_a_page_is_compared_with_the_mean_of_the_healthz_runs_beside_it():
    bases = [run(1000), run(600), run(1400)]
    assert beside(bases, 0) == 800
    assert beside(bases, 1) == 1000


def test_a_page_that_kept_its_share_while_the_machine_slowed_meets_its_target(capsys):
    # The machine slowed from 1400 to 800 req/s of /healthz between the first page and the
    # second; measured against the first /healthz alone, the second page would miss its half.
    bases = [run(1400), run(1200), run(800)]
    measured = [(Page("home", kind=PUBLIC), run(700)), (Page("registry search", kind=PUBLIC), run(550))]
    assert report(HEALTHZ, bases, measured) == 0
    table = capsys.readouterr().out
    assert "/healthz: 3 runs, 800–1400 req/s (mean 1133)" in table
    assert "registry search" in table and "1000    55%  ok" in table


def test_missed_targets_are_counted_and_named(capsys):
    bases = [run(1000), run(1000), run(1000), run(1000)]
    measured = [
        (Page("home", kind=PUBLIC), run(400)),  # under half of /healthz
        (Page("diagnosis submit (POST)", kind=WRITE), run(250, p95_ms=120)),  # slow, but a quarter
        (Page("certificate PDF", kind=PDF), run(50, p95_ms=350, errors=2)),
    ]
    assert report(HEALTHZ, bases, measured) == 4
    lines = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert lines["home"].endswith("ok, < 50% of healthz")
    assert lines["diagnosis submit (POST)"].endswith("p95 >= 100 ms")
    assert lines["certificate PDF"].endswith("ERRORS, p95 >= 300 ms")
