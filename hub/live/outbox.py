"""Events leave with the transaction that caused them, and only if it commits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from uuid import UUID

from tortoise import Tortoise
from tortoise.transactions import in_transaction

from hub.live import fanout
from hub.live.events import CHANNEL, Event, EventKind
from hub.observability.trace_context import current_carrier


@dataclass
class Outbox:
    events: list[Event] = field(default_factory=list)

    def add(self, kind: EventKind, tenant_id: UUID | str, object_id: UUID | str) -> None:
        self.events.append(
            Event(UUID(str(tenant_id)), kind, UUID(str(object_id)), current_carrier())
        )


def _is_postgres() -> bool:
    return bool(Tortoise.get_connection("default").capabilities.dialect == "postgres")


@asynccontextmanager
async def transaction_with_outbox() -> AsyncIterator[Outbox]:
    """``in_transaction()`` whose outbox is announced to subscribers on commit.

    On PostgreSQL the events are ``NOTIFY``-ed inside the transaction, which the server
    sends only when the outermost transaction commits (a request's isolation scope wraps
    the service's). On SQLite the events go to this process's subscribers once the block
    has committed. A rolled-back block announces nothing.

    Example::

        async with transaction_with_outbox() as outbox:
            row = await Proposal.create(...)
            outbox.add(EventKind.PROPOSAL_SUBMITTED, row.tenant_id, row.id)
    """
    outbox = Outbox()
    postgres = _is_postgres()
    async with in_transaction() as connection:
        yield outbox
        if postgres:
            for event in outbox.events:
                await connection.execute_query(
                    "SELECT pg_notify($1, $2)", [CHANNEL, event.encode()]
                )
    if not postgres:
        for hub in list(fanout.in_process):
            hub.publish(outbox.events)
