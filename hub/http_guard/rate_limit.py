"""Rate limits per bearer token and per client address, before anything else is done.

A request over a limit is answered 429 with ``Retry-After`` and a ``RATE_LIMITED`` error
naming the limit. The token is counted as sent, hashed, not as the principal it stands for:
finding the principal may take a database lookup, and a refusal must cost nothing. Requests
without a token count only against their address. A WebSocket handshake counts like a
request, with the token of its upgrade request if it has one, and over a limit it is
refused before it is accepted.
"""

from __future__ import annotations

import functools
import hashlib

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.core.config import Settings
from hub.core.errors import RateLimited
from hub.core.http import send_error
from hub.core.request_state import RequestState
from hub.http_guard.limiter import Limiter, MemoryLimiter
from hub.http_guard.redis_limiter import RedisLimiter

LIMIT_NAMES = {"token": "perToken", "ip": "perIp"}
LIMITED = frozenset({"http", "websocket"})


def build_limiter(settings: Settings) -> Limiter | None:
    """The limiter the settings ask for, or None when no limit is on."""
    if not (settings.effective_rate_limit_per_token or settings.effective_rate_limit_per_ip):
        return None
    if settings.rate_limit_redis_url:
        return RedisLimiter(settings.rate_limit_redis_url)
    return MemoryLimiter()


def _bearer_token(headers: Headers) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def _client_address(scope: Scope) -> str:
    # uvicorn puts the address a trusted proxy forwarded here (FORWARDED_ALLOW_IPS).
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: Limiter, *, per_token: int, per_ip: int) -> None:
        self.app = app
        self.limiter = limiter
        self.per_token = per_token
        self.per_ip = per_ip

    def _buckets(self, scope: Scope) -> list[tuple[str, str, int]]:
        buckets = []
        if self.per_ip:
            buckets.append(("ip", _client_address(scope), self.per_ip))
        token = _bearer_token(Headers(scope=scope)) if self.per_token else None
        if token is not None:
            digest = hashlib.sha256(token.encode()).hexdigest()[:32]
            buckets.append(("token", digest, self.per_token))
        return buckets

    async def refusal(self, scope: Scope, requests: int = 1) -> RateLimited | None:
        """Take ``requests`` from each of the request's buckets; the error of the first one
        that runs out."""
        for kind, key, per_minute in self._buckets(scope):
            for _ in range(requests):
                decision = await self.limiter.hit(f"{kind}:{key}", per_minute)
                if not decision.allowed:
                    return RateLimited(
                        f"Too many requests for this "
                        f"{'token' if kind == 'token' else 'address'}: the limit is "
                        f"{per_minute} a minute. Retry in {decision.retry_after} s.",
                        limit=LIMIT_NAMES[kind],
                        value=per_minute,
                        retryAfter=decision.retry_after,
                    )
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in LIMITED:
            await self.app(scope, receive, send)
            return
        error = await self.refusal(scope)
        if error is not None:
            headers = {"Retry-After": str(error.extensions["retryAfter"])}
            await send_error(error, scope, receive, send, headers)
            return
        # A batch of operations counts as one request per operation (hub.api.batches).
        RequestState.of(scope).rate_budget = functools.partial(self.refusal, scope)
        await self.app(scope, receive, send)
