"""Switches that only the benchmark turns on, kept outside the ``hub`` package so that a
production server cannot import them (bench_lib.hub_server builds the app with them).

Counting statements answers every request with the number of SQL statements it sent, in
the ``X-Hub-Sql-Statements`` header: the benchmark reads statements per request from the
server itself, not from a guess. Access off lets every member do everything in the tenant's
subtree, so that the benchmark can measure what Casbin costs; tenancy stays.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from tortoise.expressions import Q

from hub.access.decisions import Decisions
from hub.access.resources import Action, Resource
from hub.core.classification import Classification

STATEMENTS_HEADER = b"x-hub-sql-statements"
METHODS = ("execute_insert", "execute_many", "execute_query", "execute_query_dict")
_COUNTED = "_hub_counted"

# A one-element list so that tasks spawned by a request (DataLoader batches run in their
# own tasks, with a copy of the context) add to the request's count.
_statements: ContextVar[list[int] | None] = ContextVar("hub_bench_statements", default=None)

Method = Callable[..., Awaitable[Any]]


def _counted(method: Method) -> Method:
    @functools.wraps(method)
    async def counted(self: Any, query: str, *args: Any, **kwargs: Any) -> Any:
        counter = _statements.get()
        if counter is not None:
            counter[0] += 1
        return await method(self, query, *args, **kwargs)

    setattr(counted, _COUNTED, True)
    return counted


def count_statements() -> None:
    """Wrap the statement methods of the Tortoise clients once per process."""
    from tortoise.backends.asyncpg.client import AsyncpgDBClient, TransactionWrapper
    from tortoise.backends.sqlite.client import SqliteClient, SqliteTransactionWrapper

    for cls in (AsyncpgDBClient, TransactionWrapper, SqliteClient, SqliteTransactionWrapper):
        for name in METHODS:
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, _COUNTED, False):
                setattr(cls, name, _counted(method))


class StatementCountMiddleware:
    """Adds the request's statement count to its response headers.

    The GraphQL view builds the whole body before it starts the response, so the count is
    complete when the headers leave.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        counter = [0]
        token = _statements.set(counter)

        async def send_counted(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((STATEMENTS_HEADER, str(counter[0]).encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_counted)
        finally:
            _statements.reset(token)


class UnrestrictedDecisions(Decisions):
    """Every caller is a member who may do everything in the tenant's subtree."""

    @property
    def is_member(self) -> bool:
        return True

    def allows(self, obj: str, action: str, domain: str | None = None) -> bool:
        return True

    def allows_any(self, resource: Resource, action: Action) -> bool:
        return True

    def allows_classified(
        self,
        resource: Resource,
        classification: Classification,
        action: Action,
        domain: str | None = None,
    ) -> bool:
        return True

    def scope(
        self, resource: Resource, action: Action = Action.READ, *, network: bool = False
    ) -> Q | None:
        return self._within(self.tenant_path)
