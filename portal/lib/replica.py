"""Read-only public pages may read from a PostgreSQL replica.

With DATABASE_REPLICA_URL set, settings add a "replica" database and this router. Views
wrapped in `@reads_from_replica` (the registry, its API and the statistics) then read from
the replica; everything else, every write, and whatever says who the visitor is (session,
user, memberships, lockouts) stays on the primary, so a login is never lost to replica lag.
Without a replica the decorator changes nothing.
"""

from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
# Who is asking must be fresh: these always come from the primary.
PRIMARY_ONLY = {
    ("sessions", None),
    ("auth", None),
    ("account", None),
    ("mfa", None),
    ("usersessions", None),
    ("portal", "user"),
    ("portal", "membership"),
}

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)


def reads_from_replica(view):
    """Mark a read-only view: its queries go to the replica when there is one."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = _reading_from_replica.set(True)
        try:
            return view(*args, **kwargs)
        finally:
            _reading_from_replica.reset(token)

    return wrapper


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _reading_from_replica.get() or REPLICA not in settings.DATABASES:
            return None
        meta = model._meta
        if (meta.app_label, None) in PRIMARY_ONLY or (meta.app_label, meta.model_name) in PRIMARY_ONLY:
            return None
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary by streaming replication
