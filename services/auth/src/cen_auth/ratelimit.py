"""Fixed-window rate limits in Redis, keyed by a hash so no address or email is stored in clear."""

from __future__ import annotations

import hashlib
import time

import redis


def fingerprint(value: str) -> str:
    """SHA-256 hex of a value (client address, email) used as a key, never the value itself."""
    return hashlib.sha256(value.encode()).hexdigest()


class FixedWindowLimiter:
    """Counts hits per key in windows of a fixed length; the counter expires with its window."""

    def __init__(self, client: redis.Redis, prefix: str = "cen:auth:ratelimit") -> None:
        self._redis = client
        self._prefix = prefix

    def hit(self, bucket: str, key: str, limit: int, window_seconds: int) -> int:
        """Count one hit: 0 while the window's count is within the limit, else seconds until it ends."""
        now = int(time.time())
        window = now // window_seconds
        name = f"{self._prefix}:{bucket}:{fingerprint(key)}:{window}"
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, window_seconds, nx=True)
        count, _ = pipe.execute()
        if int(count) <= limit:
            return 0
        return (window + 1) * window_seconds - now
