from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from hub.access.decisions import Decisions
from hub.access.service import grant_role, revoke_role
from hub.app import create_app
from hub.auth.tokens import issue_dev_token
from hub.core.config import Settings
from tests.conftest import BACKEND, SECRET_KEY

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
    await grant_role(PARTNER, "work_stream_lead", "dhaka", actor="test")
    # then
    assert await _roles_after_reload(polling_app) == [
        "civil_society_partner",
        "work_stream_lead",
    ]
    # when it is revoked again
    await revoke_role(PARTNER, "work_stream_lead", "dhaka", actor="test")
    # then
    assert await _roles_after_reload(polling_app) == ["civil_society_partner"]


@pytest.mark.skipif(BACKEND != "postgres", reason="LISTEN/NOTIFY is PostgreSQL's")
async def test_a_second_server_process_hears_of_a_grant_at_once(
    database_url: str, network: None
) -> None:
    # given another server process that would poll only every 30 seconds
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_SECRET_KEY": SECRET_KEY,
        "HUB_POLICY_POLL_SECONDS": "30",
    }
    server = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hub",
        "serve",
        "--port",
        str(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    token = issue_dev_token(SECRET_KEY, PARTNER, "dhaka", timedelta(hours=1))
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:

            async def roles() -> list[str]:
                reply = await http.post(
                    "/graphql",
                    json={"query": VIEWER},
                    headers={"Authorization": f"Bearer {token}"},
                )
                return list(reply.json()["data"]["viewer"]["roles"])

            for _ in range(200):
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/readyz")).status_code == 200:
                        break
                await asyncio.sleep(0.05)
            assert await roles() == ["civil_society_partner"]
            # when this process grants a role
            await grant_role(PARTNER, "work_stream_lead", "dhaka", actor="test")
            # then the other process knows it long before its next poll
            seen: list[str] = []
            for _ in range(100):
                seen = await roles()
                if "work_stream_lead" in seen:
                    break
                await asyncio.sleep(0.05)
            assert seen == ["civil_society_partner", "work_stream_lead"]
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), timeout=30)
