"""A small fixed-window rate limit on the shared cache (Redis when REDIS_URL is set)."""

from django.core.cache import cache


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one attempt for `key`; False once more than `limit` happened within the window."""
    cache_key = f"throttle:{key}"
    cache.add(cache_key, 0, timeout=window_seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window ran out between add() and incr()
        cache.set(cache_key, 1, timeout=window_seconds)
        count = 1
    return count <= limit
