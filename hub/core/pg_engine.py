"""The PostgreSQL engine the hub gives Tortoise: its asyncpg client, with transactions that
always give their connection back and a bounded wait for one.

Tortoise's pooled transaction context takes a connection from the pool and then sends
``BEGIN``; when ``BEGIN`` fails (the server went away, the connection was killed, the task
was cancelled) its exit never runs, so the connection is never returned and the task keeps
seeing a transaction that does not exist. Every GraphQL operation opens one (the tenant's
scope): after a few outages the pool was empty and every request waited forever. Here a
failed or abandoned ``BEGIN`` closes its connection and returns it to the pool, which opens
a fresh one in its place, and restores the task's connection before the error goes on.

Taking a connection waits at most ``acquire_timeout`` seconds (a server setting, see
``hub.core.db.WaitBounds``); then ``PoolExhausted``, a ``TimeoutError`` that the hub answers
503 ``UNAVAILABLE`` with ``Retry-After``. The pool records when it last served and when it
last could not, for the health checks (``pool_state``).

Named in the Tortoise configuration as the engine of PostgreSQL URLs (``hub.core.db``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tortoise import Tortoise
from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import (
    PoolConnectionWrapper,
    TransactionContext,
    TransactionContextPooled,
)
from tortoise.connection import get_connections


class PoolExhausted(TimeoutError):
    """No connection was free within the bound."""


@dataclass
class PoolState:
    """What the health checks read: since when taking a connection has failed, if it has."""

    failing_since: float | None = None

    def served(self) -> None:
        self.failing_since = None

    def refused(self) -> None:
        if self.failing_since is None:
            self.failing_since = time.monotonic()

    def failing_for(self) -> float:
        return 0.0 if self.failing_since is None else time.monotonic() - self.failing_since


async def _acquire(client: HubAsyncpgClient) -> Any:
    pool = client._pool
    assert pool is not None  # ensure_connection made it
    try:
        connection = await pool.acquire(timeout=client.acquire_timeout)
    except TimeoutError as exc:
        client.pool_state.refused()
        raise PoolExhausted(
            f"no database connection was free within {client.acquire_timeout:g} s"
        ) from exc
    client.pool_state.served()
    return connection


class _ReleasingTransactionContext(TransactionContextPooled):
    async def __aenter__(self) -> Any:
        await self.ensure_connection()
        parent = self.client._parent
        assert isinstance(parent, HubAsyncpgClient)
        connection = await _acquire(parent)
        self.client._connection = connection
        self.token = get_connections().set(self.connection_name, self.client)
        try:
            await self.client.begin()
        except BaseException:
            get_connections().reset(self.token)
            # Its state is unknown (BEGIN may still be on its way): a fresh connection
            # replaces it, rather than a reset that would wait on the lost statement.
            connection.terminate()
            assert parent._pool is not None
            await parent._pool.release(connection)
            raise
        return self.client


class _BoundedPoolConnection(PoolConnectionWrapper[Any]):
    async def __aenter__(self) -> Any:
        await self.ensure_connection()
        self.connection = await _acquire(self.client)  # type: ignore[arg-type]
        return self.connection


class HubAsyncpgClient(AsyncpgDBClient):
    def __init__(self, *args: Any, acquire_timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.acquire_timeout = acquire_timeout
        self.pool_state = PoolState()

    def acquire_connection(self) -> Any:
        return _BoundedPoolConnection(self, self._pool_init_lock)

    def _in_transaction(self) -> TransactionContext:
        return _ReleasingTransactionContext(TransactionWrapper(self), self._pool_init_lock)


def pool_counts() -> dict[str, int] | None:
    """How many connections the requests' pool may hold and how many it can hand out now
    (None on SQLite). At rest the two are equal: a connection missing from ``free`` is in
    use, or lost."""
    client = Tortoise.get_connection("default")
    pool = getattr(client, "_pool", None)
    if not isinstance(client, HubAsyncpgClient) or pool is None:
        return None
    # asyncpg keeps the holders that can be handed out in a queue.
    return {"max": int(pool.get_max_size()), "free": int(pool._queue.qsize())}


def pool_state() -> PoolState | None:
    """The state of the default connection's pool, when it is the hub's PostgreSQL engine."""
    client = Tortoise.get_connection("default")
    return client.pool_state if isinstance(client, HubAsyncpgClient) else None


# What Tortoise looks for in an engine module.
client_class = HubAsyncpgClient
