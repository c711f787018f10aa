"""Hears the live events of every server process through PostgreSQL ``LISTEN``."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import asyncpg

from hub.core.background import running_in_background
from hub.live.events import CHANNEL, Event
from hub.live.fanout import Fanout

log = logging.getLogger(__name__)

# How long to wait before listening again after the connection was lost, doubling up to
# the maximum while the database stays away.
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 10.0


class Listener:
    """One dedicated connection per process, listening on the live channel.

    Notifications are not stored: events sent while the connection is down are lost, and
    subscribers simply see the next ones once it is back.
    """

    def __init__(self, dsn: str, fanout: Fanout) -> None:
        self.dsn = dsn
        self.fanout = fanout
        self.connected = asyncio.Event()
        self.connections = 0
        self._connection: Any = None

    def _notified(self, connection: object, pid: int, channel: str, payload: str) -> None:
        event = Event.decode(payload)
        if event is None:
            log.warning("live: ignored a malformed notification")
            return
        self.fanout.publish([event])

    async def _listen_once(self) -> None:
        lost = asyncio.Event()
        connection = await asyncpg.connect(self.dsn)
        self._connection = connection
        try:
            connection.add_termination_listener(lambda _: lost.set())
            await connection.add_listener(CHANNEL, self._notified)
            self.connections += 1
            self.connected.set()
            await lost.wait()
        finally:
            self.connected.clear()
            self._connection = None
            if not connection.is_closed():
                connection.terminate()

    async def run(self) -> None:
        delay = RETRY_FIRST_SECONDS
        while True:
            try:
                await self._listen_once()
                delay = RETRY_FIRST_SECONDS
                log.warning("live: lost the listening connection; listening again")
                await asyncio.sleep(delay)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                log.warning("live: cannot listen (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX_SECONDS)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        async with running_in_background(self.run(), "hub-live-listener"):
            yield
