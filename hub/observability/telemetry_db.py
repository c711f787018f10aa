"""A span per SQL statement, as a child of the GraphQL operation (or request) that sent it,
and the ``db.client.operation.duration`` histogram, after OpenTelemetry's database
conventions.

Installed by ``setup_telemetry`` only when tracing or metrics are on: it wraps the statement
methods of the Tortoise clients we run on (asyncpg and SQLite, each with its transaction
wrapper), so nothing changes when telemetry is off. A statement sent outside a traced
request (the policy watcher's polling, migrations) gets no span, since a trace a second of
polling would bury the requests, but it is timed in the histogram.

Spans carry the parametrised SQL text (``db.query.text``), truncated, and never the
parameter values: Tortoise sends every value as a bind parameter.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode

from hub.observability.metrics import db_operation_duration, metrics_enabled

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
    span_name: str
    operation: str
    table: str | None
    # The span's attributes but db.system.name, built once per statement text.
    attributes: dict[str, str]
    # The duration histogram's attributes but db.system.name and error.type: the operation
    # and table only, never the text, so that the series stay few.
    measured: dict[str, str]


@functools.lru_cache(maxsize=1024)
def describe(query: str) -> Statement:
    """What a statement does and to which table, read from its text (cached: Tortoise sends
    the same few statements again and again)."""
    words = query.split(None, 1)
    operation = words[0].upper() if words else "UNKNOWN"
    table = None
    pattern = _TABLE_AFTER.get(operation)
    if pattern is not None:
        matches = list(pattern.finditer(query))
        for match in matches:
            # The statement's own table, not one of a subquery in its column list.
            before = query[: match.start()]
            if before.count("(") == before.count(")"):
                table = match.group(1)
                break
        else:
            # Selecting from a derived table (SELECT ... FROM (SELECT ... FROM t)): name the
            # table it is derived from.
            table = matches[0].group(1) if matches else None
    measured = {"db.operation.name": operation}
    if table is not None:
        measured["db.collection.name"] = table
    attributes = {**measured, "db.query.text": query[:STATEMENT_LIMIT]}
    name = f"{operation} {table}" if table else operation
    return Statement(name, operation, table, attributes, measured)


def _traced(method: Method, system: str) -> Method:
    @functools.wraps(method)
    async def traced(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        recording = trace.get_current_span().is_recording()
        if not recording and not metrics_enabled():
            return await method(self, query, *args, **kwargs)
        statement = describe(query)
        # Not made the current span: nothing is traced below a statement, and leaving the
        # context alone saves attaching and detaching it.
        span = (
            tracer.start_span(
                statement.span_name,
                kind=SpanKind.CLIENT,
                attributes={"db.system.name": system, **statement.attributes},
            )
            if recording
            else None
        )
        error_type: str | None = None
        started = time.perf_counter()
        try:
            return await method(self, query, *args, **kwargs)
        except Exception as exc:
            # An exception's message may quote a value (a duplicate key): keep its type only.
            error_type = type(exc).__qualname__
            if span is not None:
                span.set_status(StatusCode.ERROR)
                span.set_attribute("error.type", error_type)
            raise
        finally:
            elapsed = time.perf_counter() - started
            if span is not None:
                span.end()
            measured = {"db.system.name": system, **statement.measured}
            if error_type is not None:
                measured["error.type"] = error_type
            db_operation_duration.record(elapsed, measured)

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
