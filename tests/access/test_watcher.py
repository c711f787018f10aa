from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette

from hub.access.decisions import Decisions
from hub.access.service import grant_role, revoke_role
from hub.app import create_app
from hub.config import Settings

VIEWER = "{ viewer { roles } }"
PARTNER = "partner@civil-society.example.org"


@pytest.fixture
async def polling_app(settings: Settings, network: None) -> AsyncIterator[Starlette]:
    application = create_app(
        settings.model_copy(update={"policy_poll_seconds": 0.05}), manage_orm=False
    )
    async with application.router.lifespan_context(application):
        yield application


async def _roles_after_reload(app: Starlette) -> list[str]:
    watcher = app.state.policy_watcher
    before = watcher.reloads
    for _ in range(100):
        if watcher.reloads > before:
            break
        await asyncio.sleep(0.02)
    assert watcher.reloads > before, "the watcher did not notice the change"
    return Decisions(app.state.access, PARTNER, "/global/asia-pacific/bangladesh/dhaka").roles


async def test_grants_made_elsewhere_are_picked_up(polling_app: Starlette) -> None:
    # given
    await asyncio.sleep(0.1)
    # when another process grants a role
    await grant_role(PARTNER, "work_stream_lead", "dhaka")
    # then
    assert await _roles_after_reload(polling_app) == [
        "civil_society_partner",
        "work_stream_lead",
    ]
    # when it is revoked again
    await revoke_role(PARTNER, "work_stream_lead", "dhaka")
    # then
    assert await _roles_after_reload(polling_app) == ["civil_society_partner"]
