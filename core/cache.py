"""Django's Redis cache backend, keeping its Redis client.

Django builds a new ``redis.Redis`` for every cache call, and each one sets up its
table of some hundred reply handlers; a page or a contact post makes several calls.
The client is thread-safe and its connection pool is kept anyway, so one client per
pool serves them all.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
