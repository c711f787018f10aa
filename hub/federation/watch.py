"""What a federated hub does now and then while it serves: follow a change of policy or of
the tenants known with what travels, and read its links for the metrics (how far each peer
subscribed to it is behind, how long since it last heard from each peer it subscribes to)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

from hub.access.enforcer import AccessControl
from hub.core.background import running_in_background
from hub.federation.plan import refresh
from hub.federation.status import Status, status
from hub.observability.metrics import metrics_enabled, record_links

log = logging.getLogger(__name__)


async def read_links(hub: str) -> Status:
    """Read the links once and keep their figures for the federation gauges."""
    found = await status(hub)
    now = datetime.now(UTC)
    record_links(
        {slot.name: float(slot.lag_bytes) for slot in found.slots if slot.lag_bytes is not None},
        {
            each.name: (now - each.last_received).total_seconds()
            for each in found.subscriptions
            if each.last_received is not None
        },
    )
    return found


class LinkWatcher:
    def __init__(self, hub: str, interval: float, database_url: str, access: AccessControl) -> None:
        self.hub = hub
        self.interval = interval
        self.postgres = database_url.startswith(("postgres://", "postgresql://"))
        self.access = access

    async def round(self) -> None:
        try:
            changed = await refresh(self.hub, self.access)
            if changed:
                log.info("what travels to the other hubs changed: %d change(s)", changed)
        except Exception:
            log.warning("could not follow what travels to the other hubs", exc_info=True)
        if metrics_enabled():
            try:
                await read_links(self.hub)
            except Exception:
                # A reading that failed is tried again; the gauges keep the last figures.
                log.warning("could not read the federation links", exc_info=True)

    async def run(self) -> None:
        while True:
            await self.round()
            await asyncio.sleep(self.interval)

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        """Follow what travels and read the links while the block lasts, on PostgreSQL."""
        if self.interval <= 0 or not self.postgres:
            yield
            return
        async with running_in_background(self.run(), "hub-federation-links"):
            yield
