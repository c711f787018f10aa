"""Apps with the protection switches set, and a clock that tests move by hand."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from hub.app import create_app
from hub.core.config import Environment, Settings
from hub.http_guard.limiter import Limiter
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
VIEWER = "{ viewer { email } }"
FRONT_END = "https://app.network.example.org"


@dataclass
class FakeClock:
    now: float = 1_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def production(settings: Settings, **update: Any) -> Settings:
    return settings.model_copy(
        update={
            "environment": Environment.PRODUCTION,
            "master_key": base64.b64encode(b"p" * 32).decode(),
            **update,
        }
    )


Serve = Callable[..., AbstractAsyncContextManager[Client]]


@pytest.fixture
def serve(network: None) -> Serve:
    """``async with serve(settings, limiter=..., address=...) as client``: a hub of its own."""

    @asynccontextmanager
    async def serving(
        settings: Settings,
        *,
        limiter: Limiter | None = None,
        address: str = "203.0.113.7",
        base_url: str = "http://hub.test",
    ) -> AsyncIterator[Client]:
        app = create_app(settings, manage_orm=False, rate_limiter=limiter)
        transport = httpx.ASGITransport(app=app, client=(address, 40_000))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url=base_url) as http,
        ):
            yield Client(http, app)

    return serving
