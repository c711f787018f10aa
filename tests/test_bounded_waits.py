"""Bounded waits on PostgreSQL, against a served hub: a held row lock and a pool with no free
connection stall nobody for long, and the health checks do not queue behind requests."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from hub.auth.tokens import issue_dev_token
from hub.workplan.models import WorkStream
from tests.conftest import BACKEND, SECRET_KEY, relay_id
from tests.workplan.queries import COORDINATOR, FOCAL_EUROPE, UPDATE

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="PostgreSQL's bounds")

POOL_SIZE = 2
LOCK_TIMEOUT_MS = 5000
READ = "{ workStreams { totalCount } }"
# Every wait in this file ends well within this, or the bounds do not hold.
BUDGET_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def served(network: None, database_url: str) -> AsyncIterator[Any]:
    """Starts ``hub serve`` on the test database with a small pool and short bounds (and
    the settings given); each call yields a client of its own server."""
    async with contextlib.AsyncExitStack() as stack:

        async def start(**settings: str) -> httpx.AsyncClient:
            return await stack.enter_async_context(_serving(database_url, settings))

        yield start


@contextlib.asynccontextmanager
async def _serving(database_url: str, settings: dict[str, str]) -> AsyncIterator[httpx.AsyncClient]:
    port = _free_port()
    env = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_SECRET_KEY": SECRET_KEY,
        "HUB_DB_POOL_SIZE": str(POOL_SIZE),
        "HUB_DB_ACQUIRE_TIMEOUT_SECONDS": "0.5",
        "HUB_DB_LOCK_TIMEOUT_MS": str(LOCK_TIMEOUT_MS),
        "HUB_RESULT_CACHE_ENTRIES": "0",
        "HUB_POLICY_POLL_SECONDS": "0",
        **settings,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "hub", "serve", "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=20) as http:
            deadline = time.monotonic() + 60
            while True:
                assert process.returncode is None, "hub serve ended"
                try:
                    if (await http.get("/readyz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "hub serve did not become ready"
                await asyncio.sleep(0.1)
            yield http
    finally:
        process.terminate()
        async with asyncio.timeout(30):
            await process.wait()


def _post(http: httpx.AsyncClient, user: str, query: str, variables: Any = None) -> Any:
    token = issue_dev_token(SECRET_KEY, user, None, timedelta(hours=1))
    return http.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token}"},
    )


async def _waiting_on_locks(admin: asyncpg.Connection, count: int) -> None:
    """Until ``count`` sessions wait for a lock (the statistics are read afresh each time:
    inside a transaction they would be the same snapshot)."""
    waiting = 0
    while waiting < count:
        await asyncio.sleep(0.05)
        waiting = await admin.fetchval(
            "SELECT count(*) FROM pg_stat_activity, pg_stat_clear_snapshot() "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )


async def test_a_held_lock_and_a_full_pool_stall_nobody_past_the_bounds(
    served: Any, database_url: str
) -> None:
    http = await served()
    assert (await _post(http, FOCAL_EUROPE, READ)).status_code == 200
    row = await WorkStream.filter(tenant__slug="bangladesh").first()
    assert row is not None
    update = {"input": {"id": relay_id("WorkStream", row.id), "title": "Held"}}

    async with asyncio.timeout(BUDGET_SECONDS):
        # given a row locked by another transaction, and as many updates of it waiting as
        # the server has connections
        admin = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            holder = admin.transaction()
            await holder.start()
            await admin.execute("SELECT id FROM work_stream WHERE id = $1 FOR UPDATE", row.id)
            updates = [
                asyncio.ensure_future(_post(http, COORDINATOR, UPDATE, update))
                for _ in range(POOL_SIZE)
            ]
            await _waiting_on_locks(admin, POOL_SIZE)

            # when another tenant's caller reads, and the orchestrator checks the server
            busy = await _post(http, FOCAL_EUROPE, READ)
            ready = await http.get("/readyz")
            alive = await http.get("/healthz")

            # then the read is refused at once with a 503 to retry, the checks pass
            assert busy.status_code == 503, busy.text
            assert busy.headers["retry-after"] == "2"
            assert busy.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
            assert (ready.status_code, ready.json()["checks"]["database"]) == (200, True)
            assert alive.status_code == 200

            # and the updates give up at the lock bound with TIMEOUT, the lock still held
            for answer in await asyncio.gather(*updates):
                body = answer.json()
                assert answer.status_code == 200, body
                assert body["data"] == {"updateWorkStream": None}
                assert body["errors"][0]["extensions"] == {"code": "TIMEOUT", "limit": "lockTime"}
            assert (
                await admin.fetchval("SELECT title FROM work_stream WHERE id = $1", row.id)
                != "Held"
            )
            await holder.rollback()
        finally:
            await admin.close()

        # once the lock is gone, the same update and read succeed
        done = (await _post(http, COORDINATOR, UPDATE, update)).json()
        assert done["data"]["updateWorkStream"]["workStream"]["title"] == "Held"
        assert (await _post(http, FOCAL_EUROPE, READ)).status_code == 200


async def test_past_the_requests_in_flight_a_server_refuses_more_at_once(
    served: Any, database_url: str
) -> None:
    # given a server that takes two requests at a time, both waiting on a held row
    http = await served(HUB_MAX_REQUESTS_IN_FLIGHT="2", HUB_DB_POOL_SIZE="4")
    row = await WorkStream.filter(tenant__slug="bangladesh").first()
    assert row is not None
    update = {"input": {"id": relay_id("WorkStream", row.id), "title": "Shed"}}
    async with asyncio.timeout(BUDGET_SECONDS):
        admin = await asyncpg.connect(database_url.replace("postgres://", "postgresql://", 1))
        try:
            async with admin.transaction():
                await admin.execute("SELECT id FROM work_stream WHERE id = $1 FOR UPDATE", row.id)
                updates = [
                    asyncio.ensure_future(_post(http, COORDINATOR, UPDATE, update))
                    for _ in range(2)
                ]
                await _waiting_on_locks(admin, 2)

                # when a third request comes
                shed = await _post(http, FOCAL_EUROPE, READ)
                ready = await http.get("/readyz")

                # then it is refused at once, to be retried, while the server stays ready
                assert shed.status_code == 503, shed.text
                assert shed.headers["retry-after"] == "2"
                assert shed.json()["errors"][0]["extensions"] == {
                    "code": "UNAVAILABLE",
                    "limit": "requestsInFlight",
                    "value": 2,
                }
                assert ready.status_code == 200
                await asyncio.gather(*updates)
        finally:
            await admin.close()
        # and once the two are answered it takes requests again
        assert (await _post(http, FOCAL_EUROPE, READ)).status_code == 200
