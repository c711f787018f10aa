"""Row-level security of tenant-owned tables, as the migrations set it up (see 0003).

Tortoise takes no module whose name starts with "_" for a migration. Migrations applied
somewhere must keep sending the same SQL: nothing here may change; a new policy belongs
in a new migration, with its own SQL.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from tortoise.migrations import operations as ops

Step = Callable[[Any, Any], Awaitable[None]]

# Once set in a session, the setting reads '' (not NULL) after its transaction ends:
# NULLIF makes "no tenant" match no row rather than every row.
VISIBLE = """EXISTS (
    SELECT 1 FROM tenant t
    WHERE t.id = {table}.tenant_id
      AND (t.path = NULLIF(current_setting('hub.tenant_path', true), '')
           OR t.path LIKE NULLIF(current_setting('hub.tenant_path', true), '') || '/%')
)"""


def visible(table: str) -> str:
    """True for a row of ``table`` inside the tenant subtree of the transaction."""
    return VISIBLE.format(table=table)


def protect(tables: Iterable[str]) -> list[str]:
    return _for_each(
        tables,
        lambda table: (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY tenant_subtree ON {table} "
            f"USING ({visible(table)}) WITH CHECK ({visible(table)})",
        ),
    )


def unprotect(tables: Iterable[str]) -> list[str]:
    return _for_each(
        tables,
        lambda table: (
            f"DROP POLICY IF EXISTS tenant_subtree ON {table}",
            f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY",
        ),
    )


def _for_each(tables: Iterable[str], statements: Callable[[str], Iterable[str]]) -> list[str]:
    """The ``statements`` for every table in turn, in one list."""
    return [statement for table in tables for statement in statements(table)]


def on_postgres(statements: list[str]) -> Step:
    """A migration step sending ``statements`` on PostgreSQL; SQLite has no such security."""

    async def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.DIALECT == "postgres":
            for statement in statements:
                await schema_editor.client.execute_script(statement)

    return run


def row_level_security(*tables: str) -> ops.RunPython:
    """The operation that confines the rows of ``tables`` to the tenant subtree, and back."""
    return ops.RunPython(on_postgres(protect(tables)), on_postgres(unprotect(tables)))
