"""A hub that requires trusted documents, beside the default one that does not."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from hub.app import create_app
from hub.core.config import Settings, TrustedDocumentsMode
from tests.conftest import Client, started


@pytest.fixture
async def required(settings: Settings, network: None) -> AsyncIterator[Client]:
    """A client of a hub started with HUB_TRUSTED_DOCUMENTS=required."""
    strict = settings.model_copy(update={"trusted_documents": TrustedDocumentsMode.REQUIRED})
    async with started(create_app(strict, manage_orm=False)) as client:
        yield client
