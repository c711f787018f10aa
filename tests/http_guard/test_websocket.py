"""The WebSocket handshake goes through the same checks as an HTTP request: the cross-site
check and the rate limits refuse it before it is accepted (real sockets, uvicorn in this
process)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
from starlette.types import Message, Receive, Scope, Send
from websockets.exceptions import InvalidStatus

from hub.app import create_app
from hub.core.config import Settings
from hub.http_guard.limiter import Limiter, MemoryLimiter
from hub.http_guard.rate_limit import RateLimitMiddleware
from tests.conftest import Client
from tests.http_guard.conftest import COORDINATOR, FRONT_END, FakeClock, production
from tests.live.wsclient import opened, serving

EVIL = "https://evil.example.com"

Served = Callable[..., AbstractAsyncContextManager[str]]


@pytest.fixture
def served(network: None) -> Served:
    """``async with served(settings, limiter=...) as url``: a hub of its own behind uvicorn,
    at ``ws://127.0.0.1:<port>``."""

    @asynccontextmanager
    async def serve(settings: Settings, *, limiter: Limiter | None = None) -> AsyncIterator[str]:
        app = create_app(settings, manage_orm=False, rate_limiter=limiter)
        async with app.router.lifespan_context(app), serving(app) as url:
            yield url

    return serve


def own_origin(url: str) -> str:
    # The hub compares an Origin with the Host the client sent: 127.0.0.1 and the port.
    return url.replace("ws://", "http://")


async def handshake_status(
    url: str, *, token: str | None = None, headers: dict[str, str] | None = None
) -> int:
    """101 when the socket opened and ``connection_init`` was acknowledged, else the HTTP
    status that refused the handshake."""
    try:
        async with opened(url, token=token, headers=headers):
            return 101
    except InvalidStatus as refused:
        return refused.response.status_code


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1.evil.example.com"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["origin", "null origin", "look-alike", "fetch metadata"],
)
async def test_production_refuses_a_cross_site_handshake(
    served: Served, settings: Settings, client: Client, headers: dict[str, str]
) -> None:
    async with served(production(settings, cors_origins=FRONT_END)) as url:
        with pytest.raises(InvalidStatus) as refused:
            async with opened(url, token=client.token(COORDINATOR), headers=headers):
                pass

    response = refused.value.response
    assert response.status_code == 403
    [error] = json.loads(response.body)["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN"}
    assert "may not be opened" in error["message"]


async def test_production_accepts_its_own_origin_a_cors_origin_and_no_origin(
    served: Served, settings: Settings, client: Client
) -> None:
    token = client.token(COORDINATOR)
    async with served(production(settings, cors_origins=FRONT_END)) as url:
        own = await handshake_status(url, token=token, headers={"Origin": own_origin(url)})
        cors = await handshake_status(url, token=token, headers={"Origin": FRONT_END})
        none = await handshake_status(url, token=token)

    assert (own, cors, none) == (101, 101, 101)


async def test_the_check_is_off_in_development_unless_asked_for(
    served: Served, settings: Settings, client: Client
) -> None:
    token, cross_site = client.token(COORDINATOR), {"Origin": EVIL}
    async with served(settings) as url:
        relaxed = await handshake_status(url, token=token, headers=cross_site)
    async with served(settings.model_copy(update={"csrf_check": True})) as url:
        refused = await handshake_status(url, token=token, headers=cross_site)
    async with served(production(settings, csrf_check=False)) as url:
        allowed = await handshake_status(url, token=token, headers=cross_site)

    assert (relaxed, refused, allowed) == (101, 403, 101)


async def test_an_address_over_its_limit_cannot_open_a_socket(
    served: Served, settings: Settings, client: Client
) -> None:
    # given a limit of 2 a minute per address
    clock = FakeClock()
    limits = settings.model_copy(update={"rate_limit_per_ip": 2})
    token = client.token(COORDINATOR)
    async with served(limits, limiter=MemoryLimiter(clock=clock)) as url:
        allowed = [await handshake_status(url, token=token) for _ in range(2)]
        # when a third handshake comes within the minute
        with pytest.raises(InvalidStatus) as refused:
            async with opened(url, token=token):
                pass
        clock.advance(30)
        again = await handshake_status(url, token=token)

    # then it is refused like an HTTP request, and the bucket refills with time
    assert allowed == [101, 101]
    response = refused.value.response
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "30"
    assert json.loads(response.body) == {
        "errors": [
            {
                "message": "Too many requests for this address: the limit is 2 a minute. "
                "Retry in 30 s.",
                "extensions": {
                    "code": "RATE_LIMITED",
                    "limit": "perIp",
                    "value": 2,
                    "retryAfter": 30,
                },
            }
        ]
    }
    assert again == 101


async def test_handshakes_and_requests_share_the_address_budget(
    served: Served, settings: Settings, client: Client
) -> None:
    limits = settings.model_copy(update={"rate_limit_per_ip": 2})
    token = client.token(COORDINATOR)
    async with served(limits, limiter=MemoryLimiter(clock=FakeClock())) as url:
        async with httpx.AsyncClient(base_url=own_origin(url)) as http:
            request = await http.post(
                "/graphql",
                json={"query": "{ viewer { email } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
        socket = await handshake_status(url, token=token)
        refused = await handshake_status(url, token=token)

    assert (request.status_code, socket, refused) == (200, 101, 429)


async def test_a_token_in_the_upgrade_request_counts_against_its_budget(
    served: Served, settings: Settings, client: Client
) -> None:
    # given a limit of 1 a minute per token, and one token (tokens minted in different
    # seconds differ, and count apart)
    limits = settings.model_copy(update={"rate_limit_per_token": 1})
    upgrade = {"Authorization": f"Bearer {client.token(COORDINATOR)}"}
    async with served(limits, limiter=MemoryLimiter(clock=FakeClock())) as url:
        first = await handshake_status(url, headers=upgrade)
        with pytest.raises(InvalidStatus) as refused:
            async with opened(url, headers=upgrade):
                pass
        # a token in connection_init comes after the handshake: only its address counted
        in_payload = await handshake_status(url, token=client.token(COORDINATOR))

    assert first == 101
    assert refused.value.response.status_code == 429
    extensions = json.loads(refused.value.response.body)["errors"][0]["extensions"]
    assert extensions["limit"] == "perToken"
    assert in_payload == 101


async def test_a_server_without_the_denial_extension_refuses_by_closing() -> None:
    # ASGI servers without "websocket.http.response" can only answer a handshake closed
    # before it is accepted with a 403.
    reached: list[Scope] = []

    async def graphql(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append(scope)

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    limited = RateLimitMiddleware(graphql, MemoryLimiter(clock=FakeClock()), per_token=0, per_ip=1)
    scope: Scope = {"type": "websocket", "path": "/graphql", "headers": [], "client": ("x", 1)}
    await limited(dict(scope), receive, send)
    await limited(dict(scope), receive, send)

    assert len(reached) == 1
    assert [message["type"] for message in sent] == ["websocket.close"]
