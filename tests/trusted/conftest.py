"""A hub that requires trusted documents, beside the default one that does not."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from hub.app import create_app
from hub.core.config import Settings, TrustedDocumentsMode
from tests.conftest import Client


@pytest.fixture
async def required(settings: Settings, network: None) -> AsyncIterator[Client]:
    """A client of a hub started with HUB_TRUSTED_DOCUMENTS=required."""
    strict = settings.model_copy(update={"trusted_documents": TrustedDocumentsMode.REQUIRED})
    app = create_app(strict, manage_orm=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
        ) as http,
    ):
        yield Client(http, app)
