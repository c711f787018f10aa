"""The triggers that count writing statements per tenant, as the migrations set them up
(see 0019), for the tables of each migration that adds some.

Tortoise takes no module whose name starts with "_" for a migration. Migrations applied
somewhere must keep sending the same SQL: nothing here may change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

EVENTS = ("INSERT", "UPDATE", "DELETE")

# SQLite has row triggers only: one upsert per row written.
SQLITE_UPSERT = (
    "INSERT INTO revision (scope, revision) VALUES ({scope}, 1) "
    "ON CONFLICT (scope) DO UPDATE SET revision = revision + 1"
)


def changed(event: str) -> str:
    """The rows a trigger on ``event`` sees: those deleted, or those written."""
    return "OLD" if event == "DELETE" else "NEW"


def pg_tenant_triggers(tables: Sequence[str]) -> list[str]:
    return [
        f"CREATE TRIGGER count_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {changed(event)} TABLE AS changed_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION hub_count_tenant_write()"
        for table in tables
        for event in EVENTS
    ]


def pg_drop_tenant_triggers(tables: Sequence[str]) -> list[str]:
    return [f"DROP TRIGGER count_{event.lower()} ON {table}" for table in tables for event in EVENTS]


def sqlite_tenant_triggers(tables: Sequence[str]) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_count_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {SQLITE_UPSERT.format(scope=f'{changed(event)}.tenant_id')}; END"
        for table in tables
        for event in EVENTS
    ]


def sqlite_restored_triggers(tables: Sequence[str]) -> list[str]:
    """The triggers of ``tables`` again, where SQLite lost them: it changes a column by
    copying the table into a new one, without its triggers."""
    return [
        f"DROP TRIGGER IF EXISTS {table}_count_{event.lower()}"
        for table in tables
        for event in EVENTS
    ] + sqlite_tenant_triggers(tables)


def sqlite_drop_triggers(tables: Sequence[str]) -> list[str]:
    return [f"DROP TRIGGER {table}_count_{event.lower()}" for table in tables for event in EVENTS]


def by_dialect(postgres: list[str], sqlite: list[str]) -> Any:
    """A migration step sending ``postgres`` or ``sqlite``, as the database is."""

    async def run(apps: Any, schema_editor: Any) -> None:
        statements = postgres if schema_editor.DIALECT == "postgres" else sqlite
        for statement in statements:
            await schema_editor.client.execute_script(statement)

    return run
