"""One small limiter for login throttling and submission rate limits.

Counters live in process memory by default and in Redis when `DIALOG_REDIS_URL` is set, so
several web processes share them (production refuses several workers without Redis, see
`dialog.config.check_workers`). A client is identified by an HMAC of its address under a key
derived from `DIALOG_SECRET_KEY` and the date: the key is never written anywhere, so neither
Redis nor a copy of it can turn a counter's name back into an address, and names do not link
across days. The address itself is never stored, logged or written to the database.
"""

from __future__ import annotations

import functools
import hmac
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from flask import Flask, current_app, request

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day)s?\s*$")


@dataclass(frozen=True)
class Rate:
    """At most `limit` events per `window` seconds."""

    limit: int
    window: int

    @classmethod
    @functools.lru_cache(maxsize=64)  # the configured rates, parsed once (the answer path's)
    def parse(cls, text: str) -> Rate:
        """'30/hour', '5/15minutes', '20 / day' -> Rate."""
        match = _RATE.match(text.lower())
        if not match:
            raise ValueError(f"not a rate: {text!r} (write e.g. '30/hour' or '5/15minutes')")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * UNITS[unit])


class Store(Protocol):
    def incr(self, key: str, window: int) -> int:
        """Add one to the counter `key` (which expires `window` seconds after its first hit)."""

    def get(self, key: str) -> int:
        """The counter's value, 0 when absent or expired."""

    def reset(self, key: str) -> None: ...


class MemoryStore:
    """Fixed-window counters in this process; enough for one web process and for tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._counters: dict[str, tuple[int, float]] = {}

    def _live(self, key: str, now: float) -> tuple[int, float] | None:
        entry = self._counters.get(key)
        if entry is not None and entry[1] <= now:
            del self._counters[key]
            return None
        return entry

    def incr(self, key: str, window: int) -> int:
        with self._lock:
            now = self._clock()
            if len(self._counters) > 100_000:  # bound memory under a flood of new keys
                for k in [k for k, (_n, end) in self._counters.items() if end <= now]:
                    del self._counters[k]
            entry = self._live(key, now)
            count, expires = entry if entry else (0, now + window)
            self._counters[key] = (count + 1, expires)
            return count + 1

    def get(self, key: str) -> int:
        with self._lock:
            entry = self._live(key, self._clock())
            return entry[0] if entry else 0

    def reset(self, key: str) -> None:
        with self._lock:
            self._counters.pop(key, None)


class RedisStore:
    """Fixed-window counters in Redis, shared by every web process."""

    def __init__(self, client: Any, prefix: str = "dialog:rl:") -> None:
        self._redis = client
        self._prefix = prefix

    def incr(self, key: str, window: int) -> int:
        name = self._prefix + key
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, window, nx=True)
        count, _ = pipe.execute()
        return int(count)

    def get(self, key: str) -> int:
        value = self._redis.get(self._prefix + key)
        return int(value) if value else 0

    def reset(self, key: str) -> None:
        self._redis.delete(self._prefix + key)


class Limiter:
    """Counts events per key and says whether a key is over its rate."""

    def __init__(self, store: Store, secret: str) -> None:
        self.store = store
        self._secret = secret.encode()
        self._daily: tuple[str, bytes] = ("", b"")

    def hit(self, scope: str, key: str, rate: Rate) -> bool:
        """Record one event; True while the key stays within `rate`."""
        return self.store.incr(f"{scope}:{key}", rate.window) <= rate.limit

    def exceeded(self, scope: str, key: str, rate: Rate) -> bool:
        """Whether the key has already used up `rate` (without recording anything)."""
        return self.store.get(f"{scope}:{key}") >= rate.limit

    def reset(self, scope: str, key: str) -> None:
        self.store.reset(f"{scope}:{key}")

    def hashed(self, value: str, day: str | None = None) -> str:
        """A value (an address, an e-mail) as a key: an HMAC under today's derived key."""
        day = day or datetime.now(UTC).strftime("%Y-%m-%d")
        daily = self._daily  # read once: another thread may swap it at midnight
        if daily[0] != day:  # the day's key, derived once a day (a value per request)
            daily = (day, hmac.digest(self._secret, f"dialog-ratelimit:{day}".encode(),
                                      "sha256"))
            self._daily = daily
        return hmac.digest(daily[1], value.encode(), "sha256").hex()[:32]

    def client_key(self) -> str:
        """The current request's client, hashed; the address never leaves this function."""
        return self.hashed(request.remote_addr or "unknown")


def init_app(app: Flask) -> None:
    settings = app.config["SETTINGS"]
    if settings.redis_url:
        import redis

        store: Store = RedisStore(redis.Redis.from_url(settings.redis_url))
    else:
        store = MemoryStore()
    app.extensions["dialog_limiter"] = Limiter(store, settings.secret_key)


def limiter() -> Limiter:
    found: Limiter = current_app.extensions["dialog_limiter"]
    return found
