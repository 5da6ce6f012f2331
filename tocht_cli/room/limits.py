"""Limits on what one device (or everyone together, for the PIN) may send a room."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MAX_BODY = 16 * 1024  # a form: the longest answer field is 4,000 characters
MAX_FIELDS = 200  # inputs in one form
MAX_STREAMS = 4  # live-update connections one device may hold open (a few tabs)


@dataclass
class Buckets:
    """A token bucket per key: `burst` requests at once, then `rate` per second."""

    burst: float
    rate: float
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def has(self, key: str) -> bool:
        """Whether `key` could spend one now, without spending it (a limit on failures only)."""
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(key, (self.burst, now))
            return min(self.burst, tokens + (now - then) * self.rate) >= 1

    def allow(self, key: str) -> bool:
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - then) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > 10_000:  # forget devices whose bucket is full again
                full = [k for k, (t, at) in self._buckets.items() if t + (now - at) * self.rate >= self.burst]
                for k in full:
                    del self._buckets[k]
            return True
