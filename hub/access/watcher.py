"""Notices policy changes made by other processes (the CLI, other replicas) and reloads."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from tortoise.functions import Count, Max

from hub.access.enforcer import AccessControl
from hub.access.models import CasbinRule

log = logging.getLogger(__name__)


async def rules_fingerprint() -> tuple[int, int]:
    """Changes whenever a rule is added (the id grows) or removed (the count drops)."""
    row = await CasbinRule.all().annotate(n=Count("id"), top=Max("id")).values("n", "top")
    return int(row[0]["n"] or 0), int(row[0]["top"] or 0)


class PolicyWatcher:
    def __init__(self, access: AccessControl, interval: float) -> None:
        self.access = access
        self.interval = interval
        self.reloads = 0

    async def run(self) -> None:
        seen = await rules_fingerprint()
        while True:
            await asyncio.sleep(self.interval)
            try:
                current = await rules_fingerprint()
                if current != seen:
                    await self.access.load()
                    seen = current
                    self.reloads += 1
            except Exception:  # a database blip must not end the watcher; retry next tick
                log.warning("policy watcher: could not check for changes", exc_info=True)

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        if self.interval <= 0:
            yield
            return
        task = asyncio.create_task(self.run(), name="hub-policy-watcher")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
