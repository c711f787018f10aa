"""Database set-up: the Tortoise configuration and committed migrations."""

from __future__ import annotations

import contextlib
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from tortoise import Tortoise, connections
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.backends.base.config_generator import expand_db_url
from tortoise.migrations.api.migrate import migrate as tortoise_migrate
from tortoise.transactions import in_transaction

if TYPE_CHECKING:
    from hub.core.config import Settings

MODEL_MODULES = [
    "hub.tenancy.models",
    "hub.auth.models",
    "hub.access.models",
    "hub.audit.models",
    "hub.workplan.models",
    "hub.directory.models",
    "hub.advocacy.models",
    "hub.themes.models",
    "hub.proposals.models",
    "hub.fund.models",
    "hub.consultations.models",
    "hub.initiatives.models",
    "hub.knowledge.models",
    "hub.trusted.models",
    "hub.results.models",
    "hub.idempotency.models",
    "hub.mail.models",
]


PG_ENGINE = "hub.core.pg_engine"
# The URL schemes Tortoise reads as PostgreSQL.
POSTGRES_SCHEMES = ("postgres", "postgresql", "asyncpg")


@dataclass(frozen=True)
class WaitBounds:
    """How long a server's requests may wait on PostgreSQL (see Settings); 0 is no bound."""

    pool_size: int
    acquire_timeout_seconds: float
    statement_timeout_ms: int
    lock_timeout_ms: int

    @classmethod
    def of(cls, settings: Settings) -> WaitBounds:
        return cls(
            pool_size=settings.db_pool_size,
            acquire_timeout_seconds=settings.db_acquire_timeout_seconds,
            statement_timeout_ms=settings.db_statement_timeout_ms,
            lock_timeout_ms=settings.db_lock_timeout_ms,
        )


def _connection(database_url: str, bounds: WaitBounds | None) -> str | dict[str, Any]:
    """SQLite by its URL; PostgreSQL through the hub's engine (see hub.core.pg_engine), with the
    server's bounds when given (the CLI's migrations and scripts run unbounded)."""
    if urlsplit(database_url).scheme not in POSTGRES_SCHEMES:
        return database_url
    expanded = expand_db_url(database_url)
    expanded["engine"] = PG_ENGINE
    if bounds is not None:
        credentials = expanded["credentials"]
        # The URL's own sizes arrive as text.
        maxsize = int(credentials.get("maxsize", bounds.pool_size))
        credentials["maxsize"] = maxsize
        credentials["minsize"] = min(int(credentials.get("minsize", 1)), maxsize)
        if bounds.acquire_timeout_seconds > 0:
            credentials["acquire_timeout"] = bounds.acquire_timeout_seconds
        # Set on every connection as it opens: a per-request SET would cost a round trip.
        credentials["server_settings"] = {
            "statement_timeout": str(bounds.statement_timeout_ms),
            "lock_timeout": str(bounds.lock_timeout_ms),
        }
    return expanded


def tortoise_config(database_url: str, bounds: WaitBounds | None = None) -> dict[str, Any]:
    return {
        "connections": {"default": _connection(database_url, bounds)},
        "apps": {
            "hub": {
                "models": MODEL_MODULES,
                "migrations": "hub.migrations",
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def ensure_sqlite_directory(database_url: str) -> None:
    """Create the folder of an SQLite file so that a fresh checkout can start."""
    prefix = "sqlite://"
    if not database_url.startswith(prefix):
        return
    path = database_url[len(prefix) :].split("?", 1)[0]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _for_migrations(database_url: str) -> str:
    """SQLite changes a column by copying its table into a new one and dropping the old:
    with references checked, a table that other rows refer to could never change. They
    are checked once all migrations ran instead, as SQLite's own procedure does."""
    parts = urlsplit(database_url)
    if parts.scheme in POSTGRES_SCHEMES:
        return database_url
    query = "&".join(q for q in (parts.query, "foreign_keys=OFF") if q)
    return urlunsplit(parts._replace(query=query))


async def _check_references() -> None:
    connection = connections.get("default")
    if connection.capabilities.dialect != "sqlite":
        return
    broken = await connection.execute_query_dict("PRAGMA foreign_key_check")
    if broken:
        tables = sorted({str(row["table"]) for row in broken})
        raise RuntimeError(
            f"the migrations left {len(broken)} row(s) referring to rows that do not exist, "
            f"in {', '.join(tables)}"
        )


async def migrate(database_url: str, target: str | None = None) -> None:
    """Apply every committed migration that the database does not have yet, or those up
    to ``target`` ("hub.0015_work_stream_archive")."""
    ensure_sqlite_directory(database_url)
    try:
        await tortoise_migrate(config=tortoise_config(_for_migrations(database_url)), target=target)
        await _check_references()
    finally:
        # An open aiosqlite thread would keep the process alive after a failure.
        await Tortoise.close_connections()


# Counts the databases opened (and closed) in this process. Values cached per process, such
# as users and tenants by revision, hold for one database: revisions count per database.
_databases_opened = 0


def opened_another() -> None:
    """A database was opened or closed: what was cached from the last one no longer holds."""
    global _databases_opened
    _databases_opened += 1


def databases_opened() -> int:
    return _databases_opened


async def init_orm(database_url: str) -> None:
    """Open the ORM for scripts and tests (the app registers it through its lifespan)."""
    ensure_sqlite_directory(database_url)
    opened_another()
    await Tortoise.init(config=tortoise_config(database_url), _enable_global_fallback=True)


async def close_orm() -> None:
    await Tortoise.close_connections()
    opened_another()


def _development_config() -> dict[str, Any]:
    from hub.core.config import Settings

    return tortoise_config(Settings().database_url)


def __getattr__(name: str) -> Any:
    # For Tortoise's own command line: `tortoise -c hub.core.db.TORTOISE_ORM makemigrations`.
    # Built on demand: reading the settings at import would turn a bad HUB_* variable into
    # a traceback in every `hub` command, before the CLI can report it.
    if name == "TORTOISE_ORM":
        return _development_config()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def atomic() -> AbstractAsyncContextManager[object]:
    """A transaction, or the one already open around the caller.

    A GraphQL request runs inside one transaction (its tenant scope) and resolves fields
    concurrently. Tortoise gives each nested transaction a lock of its own over the same
    connection, so a savepoint opened by one resolver would race the others' queries;
    joining the open transaction keeps every statement behind one lock.
    """
    if isinstance(connections.get("default"), TransactionalDBClient):
        return contextlib.nullcontext()
    return in_transaction()
