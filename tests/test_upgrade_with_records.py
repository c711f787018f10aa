"""A database that holds records upgrades through every migration: a column added to a
table with rows needs a value for them. Before each migration that adds columns to tables,
the test writes a row into every table of the schema as it stands, then migrates on."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from tortoise import Tortoise, connections

from hub.core.db import migrate, tortoise_config
from tests.conftest import BACKEND
from tests.orm_context import own_orm

# Each migration that adds a column to a table that earlier migrations made.
ADDING_COLUMNS = (
    "hub.0016_work_stream_languages",
    "hub.0017_proposal_languages",
    "hub.0025_fund_management",
    "hub.0026_consultation_registration",
    "hub.0033_tenant_hub",
)
MIGRATIONS = sorted(
    path.stem for path in (Path(__file__).parents[1] / "hub/migrations").glob("0*.py")
)


def _before(migration: str) -> str:
    """The migration just before ``migration``."""
    name = migration.removeprefix("hub.")
    return f"hub.{MIGRATIONS[MIGRATIONS.index(name) - 1]}"


async def _columns(table: str) -> list[dict[str, Any]]:
    """Each column: name, type, whether it may be null, whether it has a default."""
    connection = connections.get("default")
    if BACKEND == "postgres":
        rows = await connection.execute_query_dict(
            "SELECT column_name AS name, data_type AS type, is_nullable = 'YES' AS nullable, "
            "character_maximum_length AS length, "
            "column_default IS NOT NULL OR is_identity = 'YES' AS defaulted "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = $1 ORDER BY ordinal_position",
            [table],
        )
        return list(rows)
    rows = await connection.execute_query_dict(f"SELECT * FROM pragma_table_info('{table}')")
    return [
        {
            "name": row["name"],
            "type": row["type"].lower(),
            "length": int(found[0]) if (found := re.findall(r"\((\d+)\)", row["type"])) else None,
            "nullable": not row["notnull"] and not row["pk"],
            "defaulted": row["dflt_value"] is not None
            or (row["type"].upper() == "INTEGER" and row["pk"]),
        }
        for row in rows
    ]


async def _references(table: str) -> dict[str, str]:
    """Each column of ``table`` that refers to a row of another table: that table."""
    connection = connections.get("default")
    if BACKEND == "postgres":
        rows = await connection.execute_query_dict(
            "SELECT a.attname AS column, c.confrelid::regclass::text AS target "
            "FROM pg_constraint c JOIN pg_attribute a "
            "ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.contype = 'f' AND c.conrelid = $1::regclass",
            [table],
        )
        return {row["column"]: row["target"] for row in rows}
    rows = await connection.execute_query_dict(f"SELECT * FROM pragma_foreign_key_list('{table}')")
    return {row["from"]: row["table"] for row in rows}


async def _tables() -> list[str]:
    connection = connections.get("default")
    if BACKEND == "postgres":
        rows = await connection.execute_query_dict(
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        )
    else:
        rows = await connection.execute_query_dict(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    return sorted(row["name"] for row in rows if row["name"] != "tortoise_migrations")


def _value(column: dict[str, Any]) -> Any:
    """A value of the column's type, as the driver takes it."""
    kind = column["type"]
    if "uuid" in kind or "char(36)" in kind:
        return uuid.uuid4() if BACKEND == "postgres" else str(uuid.uuid4())
    if "json" in kind:
        return "{}"
    if "bool" in kind:
        return False
    if "timestamp" in kind or "datetime" in kind:
        return datetime(2019, 4, 4, 9, tzinfo=UTC) if BACKEND == "postgres" else "2019-04-04"
    if "date" in kind:
        return date(2019, 4, 4) if BACKEND == "postgres" else "2019-04-04"
    if any(word in kind for word in ("numeric", "decimal")):
        return Decimal(1)
    if any(word in kind for word in ("int", "real", "double")):
        return 1
    return uuid.uuid4().hex[: column["length"] or 32]


async def _fill(table: str, filled: dict[str, Any], path: tuple[str, ...] = ()) -> Any:
    """One row of ``table`` (and of each table it refers to, first); its key."""
    if table in filled:
        return filled[table]
    references = await _references(table)
    values: dict[str, Any] = {}
    for column in await _columns(table):
        if column["nullable"] or column["defaulted"]:
            continue
        target = references.get(column["name"])
        if target is not None and target != table and target not in path:
            values[column["name"]] = await _fill(target, filled, (*path, table))
        else:
            values[column["name"]] = _value(column)
    names = ", ".join(values)
    marks = ", ".join(f"${n}" if BACKEND == "postgres" else "?" for n in range(1, len(values) + 1))
    key = "id" if "id" in {c["name"] for c in await _columns(table)} else None
    returning = f" RETURNING {key}" if key else ""
    rows = await connections.get("default").execute_query_dict(
        f"INSERT INTO {table} ({names}) VALUES ({marks}){returning}", list(values.values())
    )
    filled[table] = rows[0][key] if key and rows else None
    return filled[table]


async def test_a_database_with_records_upgrades_through_every_migration(
    empty_database_url: str,
) -> None:
    config = tortoise_config(empty_database_url)

    async def upgrade() -> None:
        for migration in ADDING_COLUMNS:
            await migrate(empty_database_url, target=_before(migration))
            await Tortoise.init(config=config)
            try:
                filled: dict[str, Any] = {}
                for table in await _tables():
                    await _fill(table, filled)
            finally:
                await Tortoise.close_connections()
        await migrate(empty_database_url)

    # Then every migration ran on tables that hold rows
    await own_orm(upgrade)
