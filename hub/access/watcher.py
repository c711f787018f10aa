"""Keeps a process's policies current when others change them (the CLI, other replicas).

Every process checks a fingerprint of the rules now and then. On PostgreSQL it also
LISTENs on the channel that a trigger on ``casbin_rule`` notifies, and checks at once when
told, so a change reaches every replica well within a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
from tortoise.functions import Count, Max

from hub.access.enforcer import AccessControl
from hub.access.models import CasbinRule
from hub.core.background import running_in_background
from hub.core.db import POSTGRES_SCHEMES
from hub.observability.outage_log import OutageLog

log = logging.getLogger(__name__)

CHANNEL = "hub_policy"
# With notifications, polling is only a safety net for a lost listening connection.
POLL_FACTOR_WHEN_LISTENING = 10


async def rules_fingerprint() -> tuple[int, int]:
    """Changes whenever a rule is added (the id grows) or removed (the count drops)."""
    row = await CasbinRule.all().annotate(n=Count("id"), top=Max("id")).values("n", "top")
    return int(row[0]["n"] or 0), int(row[0]["top"] or 0)


def listen_dsn(database_url: str) -> str | None:
    """A DSN for a plain asyncpg connection, or None when the database is not PostgreSQL."""
    parts = urlsplit(database_url)
    if parts.scheme not in POSTGRES_SCHEMES:
        return None
    # Tortoise's query parameters (pool sizes) mean nothing to a single connection.
    return urlunsplit(parts._replace(scheme="postgresql", query=""))


class PolicyWatcher:
    def __init__(self, access: AccessControl, interval: float, database_url: str) -> None:
        self.access = access
        self.interval = interval
        self.dsn = listen_dsn(database_url)
        self.reloads = 0
        self._changed = asyncio.Event()
        self._listener: Any = None
        self._listen_failures = OutageLog(log, "policy watcher: cannot listen for changes, polling")
        self._check_failures = OutageLog(log, "policy watcher: could not check for changes")

    def _notified(self, *_: object) -> None:
        self._changed.set()

    async def _listen(self) -> None:
        if self.dsn is None or (self._listener is not None and not self._listener.is_closed()):
            return
        try:
            self._listener = await asyncpg.connect(self.dsn)
            await self._listener.add_listener(CHANNEL, self._notified)
        except (OSError, asyncpg.PostgresError):
            self._listener = None
            self._listen_failures.failed()
        else:
            self._listen_failures.succeeded()

    async def _check(self, seen: tuple[int, int]) -> tuple[int, int]:
        current = await rules_fingerprint()
        if current != seen:
            await self.access.load()
            self.reloads += 1
        return current

    async def run(self) -> None:
        seen = await rules_fingerprint()
        while True:
            await self._listen()
            wait = self.interval * (POLL_FACTOR_WHEN_LISTENING if self._listener else 1)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=wait)
            self._changed.clear()
            try:
                seen = await self._check(seen)
            except Exception:  # a database blip must not end the watcher; retry next time
                self._check_failures.failed()
            else:
                self._check_failures.succeeded()

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        if self.interval <= 0:
            yield
            return
        try:
            async with running_in_background(self.run(), "hub-policy-watcher"):
                yield
        finally:
            if self._listener is not None:
                await self._listener.close()
