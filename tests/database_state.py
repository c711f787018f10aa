"""The test database's contents between tests: empty, or the demo network, restored from a
copy taken once per run instead of loaded again for each test.

Loading the demo network goes through the services (manifests, policies, grants, every
domain's records) and took seconds; copying its rows back takes milliseconds. A test that
wrote nothing leaves the rows as they were, so nothing is copied back at all: each backend
can tell whether anything was written since the last restore (SQLite's `data_version` on a
connection of its own, PostgreSQL's next transaction id) without looking at the rows.
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any, Literal

import asyncpg

State = Literal["empty", "network"]


class DatabaseState(ABC):
    """Puts the tables of the demo network into a known state before a test."""

    def __init__(self, tables: Sequence[str]) -> None:
        # Children before parents: the order to delete in; inserted in reverse.
        self.tables = list(tables)
        self._state: State | None = None
        self._mark: object = None
        # The audit log's last entry once the demo network was loaded. Entries name records
        # by id, and restored records keep theirs, so what a test appended is cut off again
        # (the chain stays whole: it is only shortened at its end).
        self._audit_end: int | None = None

    async def ensure(self, wanted: State) -> None:
        if self._state == wanted and await self._mark_now() == self._mark:
            return
        await self._write(wanted)
        self._state = wanted
        self._mark = await self._mark_now()

    async def remember_network(self) -> None:
        """Copy the demo network's rows, just loaded, for every later restore."""
        await self._copy()
        self._audit_end = await self._last_audit_entry()
        self._state = "network"
        self._mark = await self._mark_now()

    @abstractmethod
    async def _copy(self) -> None: ...

    @abstractmethod
    async def _last_audit_entry(self) -> int: ...

    @abstractmethod
    async def _write(self, wanted: State) -> None: ...

    @abstractmethod
    async def _mark_now(self) -> object:
        """A value that changes whenever another connection commits a write."""

    @abstractmethod
    async def close(self) -> None: ...


class SqliteState(DatabaseState):
    def __init__(self, path: str, tables: Sequence[str]) -> None:
        super().__init__(tables)
        # Autocommit: transactions are opened explicitly below.
        self._conn = sqlite3.connect(path, isolation_level=None)
        self._rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}

    async def _copy(self) -> None:
        for table in self.tables:
            cursor = self._conn.execute(f'SELECT * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            self._rows[table] = (columns, cursor.fetchall())

    async def _last_audit_entry(self) -> int:
        return int(self._conn.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])

    async def _write(self, wanted: State) -> None:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Parents and children go back in one transaction: check references at its end.
            conn.execute("PRAGMA defer_foreign_keys = ON")
            if self._audit_end is not None:
                conn.execute("DELETE FROM audit_log WHERE id > ?", (self._audit_end,))
            for table in self.tables:
                conn.execute(f'DELETE FROM "{table}"')
            if wanted == "network":
                for table in reversed(self.tables):
                    columns, rows = self._rows[table]
                    if rows:
                        names = ", ".join(f'"{c}"' for c in columns)
                        marks = ", ".join("?" for _ in columns)
                        conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    async def _mark_now(self) -> object:
        # Changes only when another connection commits: this one's own restores leave it.
        return self._conn.execute("PRAGMA data_version").fetchone()[0]

    async def close(self) -> None:
        self._conn.close()


class PostgresState(DatabaseState):
    def __init__(self, conn: asyncpg.Connection, tables: Sequence[str]) -> None:
        super().__init__(tables)
        self._conn = conn
        self._copies: dict[str, bytes] = {}

    @classmethod
    async def connect(cls, url: str, tables: Sequence[str]) -> PostgresState:
        return cls(await asyncpg.connect(url), tables)

    async def _copy(self) -> None:
        for table in self.tables:
            sink = _Sink()
            await self._conn.copy_from_table(table, output=sink.write, format="binary")
            self._copies[table] = b"".join(sink.chunks)

    async def _last_audit_entry(self) -> int:
        return int(await self._conn.fetchval("SELECT coalesce(max(id), 0) FROM audit_log"))

    async def _write(self, wanted: State) -> None:
        async with self._conn.transaction():
            if self._audit_end is not None:
                # Past the trigger that keeps the log append-only for everyone else.
                await self._conn.execute("SET LOCAL session_replication_role = replica")
                await self._conn.execute("DELETE FROM audit_log WHERE id > $1", self._audit_end)
                await self._conn.execute("SET LOCAL session_replication_role = origin")
            # Deleted and copied back with triggers on: the listed counts (migration 0024)
            # follow the rows they count, and go with their tenants.
            for table in self.tables:
                await self._conn.execute(f'DELETE FROM "{table}"')
            if wanted == "network":
                for table in reversed(self.tables):
                    # Row checks of references run at the end of each statement, so a
                    # table that references itself (tenants) goes back in any order.
                    await self._conn.copy_to_table(
                        table, source=_chunks(self._copies[table]), format="binary"
                    )

    async def _mark_now(self) -> object:
        # The next transaction id of the whole server: any committed write anywhere moves
        # it. Writes in other databases only cost an unneeded restore.
        return await self._conn.fetchval("SELECT pg_snapshot_xmax(pg_current_snapshot())")

    async def close(self) -> None:
        await self._conn.close()


class _Sink:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    async def write(self, chunk: bytes) -> None:
        self.chunks.append(bytes(chunk))


async def _chunks(data: bytes) -> Any:
    yield data
