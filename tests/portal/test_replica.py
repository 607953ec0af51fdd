"""The replica router: only marked read-only views read from it, and never who is asking."""

import contextlib
from unittest import mock

from django.conf import settings
from django.contrib.sessions.models import Session

from declaration.models import Declaration
from diagnosis.models import PeerStatistics
from portal.lib.replica import ReplicaRouter, reads_from_replica
from portal.models import Membership, User

router = ReplicaRouter()


def routed(*models):
    @reads_from_replica
    def view():
        return [router.db_for_read(model) for model in models]

    return view()


def test_without_a_replica_everything_reads_from_the_primary():
    assert "replica" not in settings.DATABASES
    assert routed(Declaration, User) == [None, None]


def test_marked_views_read_content_from_the_replica_but_identity_from_the_primary():
    with mock.patch.dict(settings.DATABASES, {"replica": settings.DATABASES["default"]}):
        assert routed(Declaration, PeerStatistics) == ["replica", "replica"]
        assert routed(User, Membership, Session) == [None, None, None]
        # Outside a marked view, and for every write, the primary.
        assert router.db_for_read(Declaration) is None
        assert router.db_for_write(Declaration) == "default"
        assert router.allow_migrate("replica", "declaration") is False


def test_the_mark_is_undone_even_when_the_view_fails():
    @reads_from_replica
    def failing():
        raise ValueError

    with mock.patch.dict(settings.DATABASES, {"replica": settings.DATABASES["default"]}):
        with contextlib.suppress(ValueError):
            failing()
        assert router.db_for_read(Declaration) is None
