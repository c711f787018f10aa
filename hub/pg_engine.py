"""The PostgreSQL engine the hub gives Tortoise: its asyncpg client, with transactions that
always give their connection back.

Tortoise's pooled transaction context takes a connection from the pool and then sends
``BEGIN``; when ``BEGIN`` fails (the server went away, the connection was killed, the task
was cancelled) its exit never runs, so the connection is never returned and the task keeps
seeing a transaction that does not exist. Every GraphQL operation opens one (the tenant's
scope): after a few outages the pool was empty and every request waited forever. Here a
failed or abandoned ``BEGIN`` closes its connection and returns it to the pool, which opens
a fresh one in its place, and restores the task's connection before the error goes on.

Named in the Tortoise configuration as the engine of PostgreSQL URLs (``hub.db``).
"""

from __future__ import annotations

from typing import Any

from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
from tortoise.backends.base.client import TransactionContext, TransactionContextPooled
from tortoise.connection import get_connections


class _ReleasingTransactionContext(TransactionContextPooled):
    async def __aenter__(self) -> Any:
        await self.ensure_connection()
        pool = self.client._parent._pool
        connection = await pool.acquire()
        self.client._connection = connection
        self.token = get_connections().set(self.connection_name, self.client)
        try:
            await self.client.begin()
        except BaseException:
            get_connections().reset(self.token)
            # Its state is unknown (BEGIN may still be on its way): a fresh connection
            # replaces it, rather than a reset that would wait on the lost statement.
            connection.terminate()
            await pool.release(connection)
            raise
        return self.client


class HubAsyncpgClient(AsyncpgDBClient):
    def _in_transaction(self) -> TransactionContext:
        return _ReleasingTransactionContext(TransactionWrapper(self), self._pool_init_lock)


# What Tortoise looks for in an engine module.
client_class = HubAsyncpgClient
