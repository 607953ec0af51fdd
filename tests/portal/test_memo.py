"""The in-process cache for reference data."""

from portal.lib import memo


def test_a_value_is_kept_until_it_expires(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(memo.time, "monotonic", lambda: now[0])
    loads = []

    def load():
        loads.append(1)
        return len(loads)

    assert memo.remember("k", load, 300) == 1
    now[0] += 299
    assert memo.remember("k", load, 300) == 1  # still fresh: not loaded again
    now[0] += 2
    assert memo.remember("k", load, 300) == 2  # expired: loaded afresh
    memo.forget_all()
    assert memo.remember("k", load, 300) == 3
