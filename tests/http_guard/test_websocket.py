"""The WebSocket handshake goes through the same checks as an HTTP request: the cross-site
check refuses it before it is accepted (real sockets, uvicorn in this process)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest
from websockets.exceptions import InvalidStatus

from hub.app import create_app
from hub.config import Settings
from hub.http_guard.limiter import Limiter
from tests.conftest import Client
from tests.http_guard.conftest import COORDINATOR, FRONT_END, production
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
