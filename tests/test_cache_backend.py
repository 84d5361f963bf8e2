"""core.cache: Django's Redis cache backend, with one Redis client per server."""

from django.core.cache import caches


def test_one_client_serves_every_call_on_the_real_server():
    cache = caches["default"]
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("backend-check", {"value": 1})
    assert cache.get("backend-check") == {"value": 1}
    assert cache._cache.get_client() is client
    # The key is on the Redis server, where every worker reads it.
    assert client.exists(cache.make_and_validate_key("backend-check")) == 1
