"""Hands each event to every subscriber of this process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

from hub.live.events import Event, EventKind

log = logging.getLogger(__name__)

# A subscriber that falls this far behind loses events rather than holding memory.
QUEUE_SIZE = 1_000


class Fanout:
    def __init__(self) -> None:
        self._queues: dict[asyncio.Queue[Event], frozenset[EventKind]] = {}

    @property
    def subscribers(self) -> int:
        return len(self._queues)

    def publish(self, events: Iterable[Event]) -> None:
        for event in events:
            for queue, kinds in self._queues.items():
                if event.kind not in kinds:
                    continue
                try:
                    queue.put_nowait(event)
                except asyncio.QueueFull:
                    log.warning("live: a subscriber is too slow; dropped a %s event", event.kind)

    @asynccontextmanager
    async def subscribe(self, kinds: Iterable[EventKind]) -> AsyncIterator[asyncio.Queue[Event]]:
        queue: asyncio.Queue[Event] = asyncio.Queue(QUEUE_SIZE)
        self._queues[queue] = frozenset(kinds)
        try:
            yield queue
        finally:
            del self._queues[queue]


# The fan-outs of the apps running in this process. Without PostgreSQL there is no NOTIFY
# and only one process, so a commit is published to these directly.
in_process: set[Fanout] = set()
