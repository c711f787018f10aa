"""An unreachable database answers 503 ``UNAVAILABLE``, not a 500 or half an answer.

Failures are recognised by type, wherever they surface: authenticating the token, resolving
the tenant, opening the request's transaction or inside a resolver. Nothing is retried
here: asyncpg's pool drops a connection that the server closed and opens a new one on the
next acquire, so the service recovers by itself once the database is back.
"""

from __future__ import annotations

import errno
import logging
import socket
from collections.abc import Iterator

import asyncpg
from starlette.types import ASGIApp, Receive, Scope, Send
from tortoise.exceptions import DBConnectionError

from hub.core.errors import Timeout, Unavailable
from hub.core.http import StartTracking, send_retry_later
from hub.core.pg_engine import PoolExhausted
from hub.observability.outage_log import OutageLog

log = logging.getLogger("hub.unavailable")  # the name logs have always had

MESSAGE = "The service cannot reach its database; try again in a few seconds."

_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset, broken pipe
    TimeoutError,  # connecting timed out
    socket.gaierror,  # the host name does not resolve
    DBConnectionError,
    asyncpg.PostgresConnectionError,  # SQLSTATE class 08, and "connection was closed"
    asyncpg.CannotConnectNowError,  # starting up or shutting down
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    # The protocol's state broke under a query, as when the server terminates the pooled
    # connection just as a statement is sent on it.
    asyncpg.InternalClientError,
)
_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


def _is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, _CONNECTION_ERRORS):
        return True
    if isinstance(exc, asyncpg.InterfaceError):
        # Also raised for misuse; only a closed connection or pool means the database went.
        return "closed" in str(exc) or "closing" in str(exc)
    return isinstance(exc, OSError) and exc.errno in _UNREACHABLE


def _causes(exc: BaseException | None) -> Iterator[BaseException]:
    """``exc`` and the errors it was raised from, each once (a chain may loop)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        yield exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__


def is_database_unavailable(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an error it was raised from, says the database cannot be reached."""
    return any(_is_connection_error(cause) for cause in _causes(exc))


BUSY_MESSAGE = "The service is busy: no database connection was free in time; try again shortly."
_TIMEOUTS = {
    # SQLSTATE: (the limit's name in extensions.limit, what the message says)
    "57014": ("statementTime", "a statement ran longer than the server allows"),
    "55P03": ("lockTime", "a record stayed locked by another request longer than allowed"),
}


def unavailable() -> Unavailable:
    return Unavailable(MESSAGE)


def answer_for_outage(exc: BaseException) -> Unavailable:
    """The 503 for ``exc``: the pool was exhausted (busy), the reason an ``Unavailable``
    gives, or the database is unreachable."""
    if any(isinstance(cause, PoolExhausted) for cause in _causes(exc)):
        return Unavailable(BUSY_MESSAGE)
    # One raised on purpose says why itself; anything else is the database gone.
    return exc if isinstance(exc, Unavailable) else unavailable()


def timeout_error(exc: BaseException | None) -> Timeout | None:
    """A ``TIMEOUT`` error when PostgreSQL cancelled a statement at one of the server's
    bounds (statement or lock time), else None."""
    for cause in _causes(exc):
        limit = _TIMEOUTS.get(str(getattr(cause, "sqlstate", "")))
        if limit is not None:
            name, what = limit
            return Timeout(f"The request was stopped: {what}. Try again shortly.", limit=name)
    return None


class DatabaseUnavailableMiddleware:
    """Pure ASGI middleware: a database outage anywhere below becomes a 503 GraphQL error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.outage = OutageLog(log, "requests answered 503: database unavailable")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = StartTracking(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            if tracked.started or not (
                isinstance(exc, Unavailable) or is_database_unavailable(exc)
            ):
                raise
            # A line when the outage starts, a count while it lasts and a line when it ends,
            # not a line per request: the log must not grow with the traffic.
            self.outage.failed()
            await send_retry_later(answer_for_outage(exc), scope, receive, send)
        else:
            self.outage.succeeded()
