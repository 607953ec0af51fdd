"""Django's Redis cache backend, with one client object per connection pool.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call. The
connection comes from the pool either way, but building the client fills its table of ~80
response callbacks each time: about 0.08 ms per call, and a page makes a dozen calls (the
session, the generations of its kept copy, a rate limit). redis-py documents a client as safe
to share between threads, and its pool notices a fork, so one client per pool serves every
call of the process.

`set_many` sends one `SET … EX` per key in a pipeline without MULTI/EXEC. Django's sends MSET,
one EXPIRE per key and a transaction around them, so that no key is seen without its expiry;
`SET … EX` writes a key and its expiry in one command, and nothing here needs the keys written
together (a retired generation is a new token on its own). Retiring a page's two generations,
which every write does twice, went from five commands to two.

Keys are not checked for memcached (`validate_key`): Django's check reads every character of
every key to warn of keys memcached would refuse, and Redis refuses none. Replies are parsed by
hiredis, redis-py's C parser, which it takes when the package is installed (pyproject.toml).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _SharedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client

    def set_many(self, data, timeout):
        if timeout == 0:  # as Django's `set`: a non-positive timeout deletes
            self.delete_many(list(data))
            return
        pipeline = self.get_client(None, write=True).pipeline(transaction=False)
        for key, value in data.items():
            pipeline.set(key, self._serializer.dumps(value), ex=timeout)
        pipeline.execute()


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClient

    def validate_key(self, key):
        """Redis takes any key. Django's check only warns of keys memcached would refuse, and
        reads every character of every key to do so: a tenth of a cache read here, by py-spy."""
