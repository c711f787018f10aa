"""A span per SQL statement, as a child of the GraphQL operation (or request) that sent it.

Installed by ``setup_telemetry`` only when tracing is on: it wraps the statement methods of
the Tortoise clients we run on (asyncpg and SQLite, each with its transaction wrapper), so
nothing changes when tracing is off. A statement sent outside a traced request (the policy
watcher's polling, migrations) gets no span: a trace a second of polling would bury the
requests.

Spans carry the parametrised SQL text, truncated, and never the parameter values: Tortoise
sends every value as a bind parameter.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode

tracer = trace.get_tracer("hub.db")

METHODS = ("execute_insert", "execute_many", "execute_query", "execute_query_dict")
STATEMENT_LIMIT = 1024
_TRACED = "_hub_traced"

_TABLE_AFTER = {
    "SELECT": re.compile(r'\bFROM\s+"?([\w.]+)"?', re.IGNORECASE),
    "DELETE": re.compile(r'\bFROM\s+"?([\w.]+)"?', re.IGNORECASE),
    "INSERT": re.compile(r'\bINTO\s+"?([\w.]+)"?', re.IGNORECASE),
    "UPDATE": re.compile(r'\bUPDATE\s+"?([\w.]+)"?', re.IGNORECASE),
}

Method = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Statement:
    operation: str
    table: str | None
    text: str

    @property
    def span_name(self) -> str:
        return f"db {self.operation} {self.table}" if self.table else f"db {self.operation}"


@functools.lru_cache(maxsize=1024)
def describe(query: str) -> Statement:
    """What a statement does and to which table, read from its text (cached: Tortoise sends
    the same few statements again and again)."""
    words = query.split(None, 1)
    operation = words[0].upper() if words else "UNKNOWN"
    table = None
    pattern = _TABLE_AFTER.get(operation)
    if pattern is not None:
        for match in pattern.finditer(query):
            # The statement's own table, not one of a subquery in its column list.
            before = query[: match.start()]
            if before.count("(") == before.count(")"):
                table = match.group(1)
                break
    return Statement(operation, table, query[:STATEMENT_LIMIT])


def _traced(method: Method, system: str) -> Method:
    @functools.wraps(method)
    async def traced(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        if not trace.get_current_span().is_recording():
            return await method(self, query, *args, **kwargs)
        statement = describe(query)
        with tracer.start_as_current_span(
            statement.span_name,
            kind=SpanKind.CLIENT,
            # An exception's message may quote a value (a duplicate key): keep its type only.
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            span.set_attribute("db.system", system)
            span.set_attribute("db.operation", statement.operation)
            if statement.table is not None:
                span.set_attribute("db.sql.table", statement.table)
            span.set_attribute("db.statement", statement.text)
            try:
                return await method(self, query, *args, **kwargs)
            except Exception as exc:
                span.set_status(StatusCode.ERROR)
                span.set_attribute("error.type", type(exc).__qualname__)
                raise

    setattr(traced, _TRACED, True)
    return traced


def instrument_database() -> None:
    """Wrap the statement methods of the Tortoise clients once per process."""
    from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
    from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

    classes: list[tuple[type[Any], str]] = [
        (AsyncpgDBClient, "postgresql"),
        (TransactionWrapper, "postgresql"),
        (SqliteClient, "sqlite"),
        (SqliteTransactionWrapper, "sqlite"),
    ]
    for cls, system in classes:
        for name in METHODS:
            # Only methods the class defines itself; inherited ones are wrapped on the base.
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, _TRACED, False):
                setattr(cls, name, _traced(method, system))
