"""The health checks' view of the database, apart from the requests' pool.

``/readyz`` asks PostgreSQL on a connection of its own, bounded in time, so that a pool busy
with user requests never makes a healthy server look down (it used to wait in the same
queue and time out in 5 to 7 checks of 10 under load). ``/healthz`` fails once the pool has
refused every request for ``STUCK_AFTER_SECONDS`` while the database answers the probe: a
process in that state does not recover by itself, and the orchestrator restarts it.
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg
from tortoise import Tortoise

from hub.core.pg_engine import pool_state

PROBE_TIMEOUT_SECONDS = 2.0
STUCK_AFTER_SECONDS = 60.0


class DatabaseProbe:
    def __init__(self, dsn: str | None) -> None:
        # None: SQLite, asked through the ORM (one process, nothing to queue behind).
        self.dsn = dsn
        self._connection: asyncpg.Connection | None = None
        self._lock = asyncio.Lock()
        self.reachable = True

    async def check(self) -> bool:
        """Whether the database answers, within ``PROBE_TIMEOUT_SECONDS``."""
        try:
            async with asyncio.timeout(PROBE_TIMEOUT_SECONDS):
                await self._select_one()
        except Exception:  # any failure means "not ready"; the caller logs it
            await self.close()
            self.reachable = False
        else:
            self.reachable = True
        return self.reachable

    async def _select_one(self) -> None:
        if self.dsn is None:
            await Tortoise.get_connection("default").execute_query("SELECT 1")
            return
        async with self._lock:
            if self._connection is None or self._connection.is_closed():
                self._connection = await asyncpg.connect(self.dsn)
            await self._connection.fetchval("SELECT 1")

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.terminate()


def pool_serves() -> bool:
    """False while the requests' pool has refused every request for a while."""
    state = pool_state()
    return state is None or state.failing_for() < STUCK_AFTER_SECONDS


def pool_stuck(probe: DatabaseProbe) -> bool:
    """The pool refuses requests although the database answers: only a restart helps."""
    return probe.reachable and not pool_serves()
