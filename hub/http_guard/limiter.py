"""Token buckets: what a rate limiter decides, and the in-process one.

A key's bucket holds up to a minute's worth of requests and refills at that rate, so a
client may burst up to its limit and then goes on at the limit's pace. A bucket left alone
for a minute is full again, which is why idle keys can be forgotten.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# Seconds after which an untouched bucket is full, whatever its limit.
REFILL_SECONDS = 60.0

Clock = Callable[[], float]


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # Whole seconds until a request would be allowed again; 0 when allowed.
    retry_after: int = 0


ALLOWED = Decision(allowed=True)


class Limiter(Protocol):
    async def hit(self, key: str, per_minute: int) -> Decision:
        """Take one request from ``key``'s bucket of ``per_minute`` requests."""
        ...

    async def close(self) -> None: ...


def take(tokens: float, elapsed: float, per_minute: int) -> tuple[float, Decision]:
    """The bucket's tokens after ``elapsed`` seconds and one request, and the decision."""
    rate = per_minute / REFILL_SECONDS
    tokens = min(float(per_minute), tokens + max(elapsed, 0.0) * rate)
    if tokens >= 1:
        return tokens - 1, ALLOWED
    return tokens, Decision(allowed=False, retry_after=max(1, math.ceil((1 - tokens) / rate)))


class MemoryLimiter:
    """Buckets in this process: each server process (and replica) counts on its own."""

    def __init__(self, clock: Clock = time.monotonic, max_keys: int = 100_000) -> None:
        self.clock = clock
        self.max_keys = max_keys
        # key -> (tokens, when), least recently used first
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    async def hit(self, key: str, per_minute: int) -> Decision:
        now = self.clock()
        tokens, then = self.buckets.pop(key, (float(per_minute), now))
        tokens, decision = take(tokens, now - then, per_minute)
        self.buckets[key] = (tokens, now)
        self._forget_idle(now)
        return decision

    def _forget_idle(self, now: float) -> None:
        # Full buckets carry no information; past max_keys (a flood of made-up tokens) the
        # least recently used go too, which can only be generous to them.
        while self.buckets:
            key, (_, then) = next(iter(self.buckets.items()))
            if now - then < REFILL_SECONDS and len(self.buckets) <= self.max_keys:
                break
            del self.buckets[key]

    async def close(self) -> None:
        self.buckets.clear()
