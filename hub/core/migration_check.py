"""Refusing to serve a database that the committed migrations have not caught up with.

`hub migrate` (the chart's Job) is the only thing that changes the schema; a server that
started on an older schema would fail request by request instead of once, at start.
"""

from __future__ import annotations

from tortoise import Tortoise
from tortoise.migrations.executor import MigrationExecutor

from hub.core.db import tortoise_config


class PendingMigrations(Exception):
    """The database lacks committed migrations; the message names them."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        super().__init__(
            f"the database has {len(names)} unapplied migration(s): {', '.join(names)}; "
            "run `hub migrate` before serving"
        )


async def pending_migrations(database_url: str) -> list[str]:
    """Committed migrations not yet applied to the open ``default`` connection, in order."""
    connection = Tortoise.get_connection("default")
    # Tortoise reads the applied list with every error swallowed, so an unreachable
    # database would look like an empty one: fail loudly first.
    await connection.execute_query("SELECT 1")
    executor = MigrationExecutor(connection, tortoise_config(database_url)["apps"])
    plan = await executor.plan()
    return [f"{step.migration.app_label}.{step.migration.name}" for step in plan]


async def refuse_pending_migrations(database_url: str) -> None:
    names = await pending_migrations(database_url)
    if names:
        raise PendingMigrations(names)
