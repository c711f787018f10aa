"""Token buckets in Redis, shared by every server process and replica.

One Lua script reads, refills and takes from a bucket atomically. Time comes from Redis
itself unless a clock is given (tests), so replicas with drifting clocks still agree. When
Redis cannot be reached the request is let through: a limiter outage must not become an
API outage, and it is logged (at most once a minute).
"""

from __future__ import annotations

import logging
import time

import redis.asyncio as redis
from redis.exceptions import RedisError

from hub.http_guard.limiter import ALLOWED, REFILL_SECONDS, Clock, Decision

log = logging.getLogger(__name__)

# KEYS[1] the bucket; ARGV[1] requests a minute, ARGV[2] now in seconds or "" for Redis'
# clock, ARGV[3] seconds after which a bucket is full again. Returns {allowed, retry_after}.
TAKE = """
local per_minute = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
local refill = tonumber(ARGV[3])
local rate = per_minute / refill
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or per_minute
local at = tonumber(state[2]) or now
tokens = math.min(per_minute, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(refill) + 1)
if allowed == 1 then
  return {1, 0}
end
return {0, math.max(1, math.ceil((1 - tokens) / rate))}
"""

# A slow Redis must not hold requests up for long: past this, the request goes through.
TIMEOUT_SECONDS = 0.5
WARN_EVERY_SECONDS = 60.0


class RedisLimiter:
    def __init__(self, url: str, *, prefix: str = "hub:rate:", clock: Clock | None = None) -> None:
        self.client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        self.script = self.client.register_script(TAKE)
        self.prefix = prefix
        self.clock = clock
        self._warned_at: float | None = None

    async def hit(self, key: str, per_minute: int) -> Decision:
        now = "" if self.clock is None else repr(self.clock())
        try:
            allowed, retry_after = await self.script(
                keys=[self.prefix + key], args=[per_minute, now, REFILL_SECONDS]
            )
        except (RedisError, OSError) as exc:
            self._warn(exc)
            return ALLOWED
        return Decision(allowed=bool(allowed), retry_after=int(retry_after))

    def _warn(self, exc: BaseException) -> None:
        now = time.monotonic()
        if self._warned_at is None or now - self._warned_at >= WARN_EVERY_SECONDS:
            self._warned_at = now
            log.warning("rate limiter: Redis unreachable, requests are not limited: %s", exc)

    async def close(self) -> None:
        await self.client.aclose()
