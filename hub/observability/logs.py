"""Logs: JSON lines in production, readable lines in development, each tagged with its request.

Every record logged while a request is handled (uvicorn's access line included) carries the
request id, the trace id when tracing is on, the tenant's slug and the caller's email. They
are read from the request's state (hub.core.request_state), never from headers or the body, so
no token, variable or note body can reach the log through them; the access line drops the query
string, which may hold a GET request's variables. Work that outlives its request (a
connection pool's callback, a task the request started) logs without them: the fields name
a request only while it is being handled.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from opentelemetry import trace
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import Message, Receive, Scope, Send

from hub.core.config import LogFormat
from hub.core.http import HttpMiddleware, StartTracking
from hub.core.request_state import RequestState

REQUEST_ID_HEADER = "x-request-id"
# A caller's request id is kept only when it cannot forge or break a log line.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")

FIELDS = ("request_id", "trace_id", "tenant", "user")


def request_id(scope: Scope) -> str:
    """The request's id: the caller's ``X-Request-Id`` when well-formed, else a new one."""
    state = RequestState.of(scope)
    if not state.request_id:
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        state.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
    return state.request_id


class RequestLogMiddleware(HttpMiddleware):
    """Pure ASGI middleware: makes the request visible to log records, and returns its id."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        rid = request_id(scope)
        state = RequestState.of(scope)

        def add_id(message: Message) -> None:
            MutableHeaders(scope=message)[REQUEST_ID_HEADER] = rid

        try:
            with state.entered():
                await self.app(scope, receive, StartTracking(send, add_id))
        finally:
            # Work the request left behind (a pool's callback, a task it started) still
            # sees this state in its copied context: it is no longer this request's.
            state.handled = True


def _request_fields() -> dict[str, str]:
    fields: dict[str, str] = {}
    state = RequestState.current()
    if state is not None and state.handled:
        return fields  # logged by background work after its request was answered
    if state is not None:
        fields["request_id"] = state.request_id
        if state.tenant is not None:
            fields["tenant"] = state.tenant.slug
        if state.principal is not None:
            fields["user"] = state.principal.email
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        fields["trace_id"] = format(span.trace_id, "032x")
    return fields


class RequestFields(logging.Filter):
    """Adds the current request's fields to each record (as attributes named in FIELDS)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in _request_fields().items():
            setattr(record, name, value)
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            # client, method, path?query, http version, status
            args = list(record.args)
            if len(args) == 5 and isinstance(args[2], str):
                args[2] = args[2].split("?", 1)[0]
                record.args = tuple(args)
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value:
                entry[name] = value
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            _, entry["method"], entry["path"], _, entry["status"] = args
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(
            f"{name}={getattr(record, name)}" for name in FIELDS if getattr(record, name, None)
        )
        if not context:
            return line
        first, newline, rest = line.partition("\n")
        return f"{first} [{context}]{newline}{rest}"


def configure_logging(log_format: LogFormat, level: int = logging.INFO) -> logging.Handler:
    """Send every logger's records (uvicorn's too) through one handler on the root logger."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestFields())
    handler.setFormatter(JsonFormatter() if log_format is LogFormat.JSON else TextFormatter())
    root = logging.getLogger()
    for previous in list(root.handlers):
        root.removeHandler(previous)
    root.addHandler(handler)
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    return handler
