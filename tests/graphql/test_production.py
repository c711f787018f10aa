"""Production mode: no introspection, no suggested names; development keeps both."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator

import httpx
import pytest

from hub.app import create_app
from hub.core.config import Environment, Settings
from tests.conftest import Client

USER = "coordinator@network.example.org"


@pytest.fixture
async def production(settings: Settings, network: None) -> AsyncIterator[Client]:
    hardened = settings.model_copy(
        update={
            "environment": Environment.PRODUCTION,
            "master_key": base64.b64encode(b"p" * 32).decode(),
        }
    )
    app = create_app(hardened, manage_orm=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub") as http,
    ):
        yield Client(http, app)


async def test_production_refuses_introspection(production: Client) -> None:
    reply = await production.gql("{ __schema { types { name } } }", user=USER)
    assert reply.data is None
    assert "introspection" in reply.errors[0]["message"].lower()


async def test_production_suggests_no_names(production: Client, client: Client) -> None:
    typo = "{ workStreams { totalCont } }"
    hardened = await production.gql(typo, user=USER)
    development = await client.gql(typo, user=USER)
    assert "Did you mean" in development.errors[0]["message"]
    assert "Did you mean" not in hardened.errors[0]["message"]
    assert "totalCount" not in hardened.errors[0]["message"]
    assert hardened.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_development_keeps_introspection(client: Client) -> None:
    reply = await client.gql("{ __schema { queryType { name } } }", user=USER)
    assert reply.data == {"__schema": {"queryType": {"name": "Query"}}}
