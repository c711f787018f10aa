"""Two apps on one database: one answering reads with compiled SQL, one with resolvers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from starlette.applications import Starlette

from hub.app import create_app
from hub.core.config import Settings
from tests.conftest import BACKEND, Client

# Compiled reads build their JSON with PostgreSQL's functions; on SQLite every operation
# is the resolvers', so there is nothing to compare.
ONLY_ON_POSTGRES = pytest.mark.skipif(
    BACKEND != "postgres", reason="compiled reads run on PostgreSQL only"
)


@dataclass
class Paths:
    compiled: Client
    resolved: Client


async def _app(settings: Settings) -> AsyncIterator[Starlette]:
    application = create_app(settings, manage_orm=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def paths(settings: Settings, network: None) -> AsyncIterator[Paths]:
    # The result cache off: each answer is computed, by the path under test.
    base = settings.model_copy(update={"result_cache_entries": 0})
    compiled_settings = base.model_copy(update={"compiled_reads": True})
    async for compiled_app in _app(compiled_settings):
        async for resolved_app in _app(base):
            async with (
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=compiled_app), base_url="http://hub.test"
                ) as compiled_http,
                httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=resolved_app), base_url="http://hub.test"
                ) as resolved_http,
            ):
                yield Paths(
                    Client(compiled_http, compiled_app), Client(resolved_http, resolved_app)
                )
