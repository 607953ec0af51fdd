"""The Redis cache backend reuses one client per connection pool (portal/lib/redis_cache.py)."""

import os
import subprocess
import sys
import warnings

import pytest
from django.conf import settings
from django.core.cache.backends.base import CacheKeyWarning
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from benchmarks.servers import redis_answers
from portal.lib.redis_cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/9"

pytestmark = pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379 (CI has it)")


@pytest.fixture
def redis_cache():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "redis-cache-test"})
    cache.clear()
    yield cache
    cache.clear()


def test_every_call_shares_one_client(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    assert redis_cache._cache.get_client("any-key") is client
    # Django's own backend builds one per call: the cost this backend saves.
    django_cache = DjangoRedisCache(REDIS_URL, {})
    assert django_cache._cache.get_client() is not django_cache._cache.get_client()


def test_it_behaves_as_the_django_backend(redis_cache):
    assert redis_cache.add("a", {"x": 1}, 60) is True
    assert redis_cache.add("a", "other", 60) is False
    assert redis_cache.get("a") == {"x": 1}
    redis_cache.set_many({"b": 2, "c": "three"}, 60)
    assert redis_cache.get_many(["a", "b", "c", "missing"]) == {"a": {"x": 1}, "b": 2, "c": "three"}
    assert redis_cache.incr("b") == 3
    redis_cache.delete("a")
    assert redis_cache.get("a", "gone") == "gone"


def test_set_many_writes_each_key_with_its_expiry_in_one_command(redis_cache, monkeypatch):
    client = redis_cache._cache.get_client()
    sent = []  # (in a transaction?, the commands) of each pipeline executed
    pipeline = client.pipeline

    def spying(*args, **kwargs):
        made = pipeline(*args, **kwargs)
        execute = made.execute

        def recorded(*a, **k):
            sent.append((made.transaction, [command[0] for command, _options in made.command_stack]))
            return execute(*a, **k)

        made.execute = recorded
        return made

    monkeypatch.setattr(client, "pipeline", spying)
    redis_cache.set_many({"d": 4, "e": [5]}, 60)
    assert sent == [(False, ["SET", "SET"])]  # Django's: MULTI, MSET, EXPIRE, EXPIRE, EXEC
    assert redis_cache.get_many(["d", "e"]) == {"d": 4, "e": [5]}
    for key in ("d", "e"):
        assert 0 < client.ttl(redis_cache.make_key(key)) <= 60


def test_set_many_keeps_django_timeouts(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set_many({"forever": 1}, None)
    assert client.ttl(redis_cache.make_key("forever")) == -1  # no expiry
    redis_cache.set_many({"forever": 2, "other": 3}, 0)  # Django: a timeout of 0 deletes
    assert redis_cache.get_many(["forever", "other"]) == {}


def test_replies_are_parsed_by_hiredis(redis_cache):
    # redis-py takes hiredis's C parser when the package is installed (pyproject.toml).
    from redis._parsers import _HiredisParser

    pool = redis_cache._cache.get_client().connection_pool
    connection = pool.get_connection()
    try:
        assert isinstance(connection._parser, _HiredisParser)
    finally:
        pool.release(connection)


def test_keys_are_not_checked_for_memcached(redis_cache):
    # Django's check reads every character of every key to warn of what memcached refuses;
    # Redis takes them all, and so does this backend, silently.
    key = "a key with spaces and " + "x" * 300
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        redis_cache.set(key, 1)
        assert redis_cache.get_many([key]) == {key: 1}
    with pytest.warns(CacheKeyWarning):
        DjangoRedisCache(REDIS_URL, {}).make_and_validate_key(key)


def test_the_settings_choose_it_when_redis_is_configured():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "REDIS_URL": REDIS_URL}
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    ).stdout
    assert output.strip() == "portal.lib.redis_cache.RedisCache"
