"""Database-level tenant isolation for one request (PostgreSQL Row-Level Security)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from tortoise import Tortoise
from tortoise.transactions import in_transaction

APP_ROLE = "hub_app"
TENANT_SETTING = "hub.tenant_path"
# What reaches the subtree from elsewhere, for reading (see migration 0022).
REACH_SETTING = "hub.reach"


@asynccontextmanager
async def tenant_scope(tenant_path: str, reach: str = "") -> AsyncIterator[None]:
    """Run the enclosed queries in one transaction that PostgreSQL confines to a subtree.

    Inside it, rows of tenant-owned tables outside ``tenant_path`` and its descendants are
    invisible and cannot be written, whatever the query says, except that the rows
    ``reach`` names (``Decisions.reach_setting``) can be read. The settings are local to
    the transaction, so nothing leaks to the next user of the pooled connection. On SQLite
    (one process, no RLS) the application's own filters are the isolation.
    """
    if Tortoise.get_connection("default").capabilities.dialect != "postgres":
        yield
        return
    async with in_transaction() as connection:
        # set_config('role', ..., true) is SET LOCAL ROLE; one statement sets them all,
        # which saves every request a round trip.
        await connection.execute_query(
            "SELECT set_config('role', $1, true), set_config($2, $3, true), "
            "set_config($4, $5, true)",
            [APP_ROLE, TENANT_SETTING, tenant_path, REACH_SETTING, reach],
        )
        yield
