"""The Redis cache backend reuses one client per connection pool (portal/lib/redis_cache.py)."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
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
