"""Idempotent mutations: a retry with the same ``Idempotency-Key`` returns the first answer.

A client that sends a mutation and loses the answer (a 503, a dropped connection, a timeout)
cannot tell whether it was committed. With an ``Idempotency-Key`` header (any text of 1 to
200 visible ASCII characters, e.g. a UUID), the hub stores the answer in the same
transaction as the mutation's writes; a retry by the same caller with the same key within
``WINDOW`` gets that answer again and writes nothing, however the first one ended. A key
sent with another document, operation, variables or tenant is refused; one whose first
request is still running answers ``UNAVAILABLE`` (retry shortly). Queries ignore the key.
In a batch, the key covers the whole batch: each operation is kept under the key and its
place in the batch, so that the batch sent again is answered as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from hub.core.context import Context
from hub.core.errors import ErrorCode
from hub.core.request_state import RequestState
from hub.graphql.errors import classify
from hub.idempotency.models import IdempotentAnswer

HEADER = "idempotency-key"
MAX_KEY_LENGTH = 200
WINDOW = timedelta(hours=24)
REPLAYED = {"idempotency": {"replayed": True}}


def _error(message: str, code: ErrorCode) -> ExecutionResult:
    return ExecutionResult(
        data=None, errors=[GraphQLError(message, extensions={"code": str(code)})]
    )


def _valid(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(" " < c <= "~" for c in key)


def _fingerprint(context: Context, query: str, operation: str | None, variables: Any) -> str:
    material = orjson.dumps(
        [str(context.tenant.id), query, operation, variables], option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(material).hexdigest()


def _stored(result: ExecutionResult, request_id: str) -> dict[str, Any]:
    errors = [classify(error, request_id).formatted for error in result.errors or []]
    return {"data": result.data, "errors": errors}


class _Replay(ExecutionResult):
    """The stored answer of the first request with the key."""


def _replayed(answer: dict[str, Any]) -> ExecutionResult:
    errors = [
        GraphQLError(
            error["message"],
            path=error.get("path"),
            extensions=error.get("extensions"),
        )
        for error in answer["errors"]
    ]
    return _Replay(data=answer["data"], errors=errors or None)


class IdempotentMutations(SchemaExtension):
    replayed = False

    def get_results(self) -> dict[str, Any]:
        # The answer's ``extensions`` say that it is the stored one.
        return REPLAYED if self.replayed else {}

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context: Context = execution.context
        key = context.request.headers.get(HEADER) if context is not None else None
        if key is None or execution.operation_type != OperationType.MUTATION:
            yield
            return
        if not _valid(key):
            execution.result = _error(
                f"An Idempotency-Key is 1 to {MAX_KEY_LENGTH} visible ASCII characters.",
                ErrorCode.BAD_REQUEST,
            )
            yield
            return
        # Each operation of a batch sends the batch's headers: its place in the batch tells
        # its key from the others'.
        index = RequestState.of(context.request.scope).operation.batch_index
        if index is not None:
            key = f"{key}#{index}"
        fingerprint = _fingerprint(
            context, execution.query or "", execution.operation_name, execution.variables
        )
        # One transaction (a savepoint inside the tenant's, on PostgreSQL) for the claim of
        # the key, the mutation's writes and the answer: all are kept, or none.
        async with contextlib.AsyncExitStack() as savepoint:
            try:
                await savepoint.enter_async_context(in_transaction())
                claim = await self._claim(context, key, fingerprint)
            except BaseException as failure:
                # Strawberry enters the extensions one after another and, when one fails on
                # its way in, does not exit those entered before it: the tenant's
                # transaction would stay open, holding its connection. So the operation is
                # skipped, every extension is entered, and the failure is raised on the
                # way out, where each one is exited in turn.
                execution.result = _error(
                    "The Idempotency-Key could not be claimed; retry.", ErrorCode.UNAVAILABLE
                )
                yield
                raise failure
            if isinstance(claim, ExecutionResult):
                execution.result = claim
                self.replayed = isinstance(claim, _Replay)
                yield
                return
            yield
            result = execution.result
            if isinstance(result, ExecutionResult):
                claim.answer = _stored(result, context.request_id)
                await claim.save(update_fields=["answer"])

    @staticmethod
    async def _claim(
        context: Context, key: str, fingerprint: str
    ) -> IdempotentAnswer | ExecutionResult:
        """The new row that holds the key for this request, or the answer to give instead.

        On PostgreSQL a second request with the key waits at the insert until the first
        commits, then finds its answer."""
        user_id = context.principal.user_id
        for _ in range(2):
            try:
                async with in_transaction():
                    return await IdempotentAnswer.create(
                        user_id=user_id, key=key, fingerprint=fingerprint
                    )
            except IntegrityError:
                pass
            found = await IdempotentAnswer.get_or_none(user_id=user_id, key=key)
            if found is None:
                continue  # the first request rolled back meanwhile: claim it again
            if found.created_at < datetime.now(UTC) - WINDOW:
                await found.delete()
                continue
            if found.fingerprint != fingerprint:
                return _error(
                    "This Idempotency-Key was sent with another request; use a new key.",
                    ErrorCode.BAD_USER_INPUT,
                )
            if found.answer is None:
                return _error(
                    "The first request with this Idempotency-Key is still running; retry shortly.",
                    ErrorCode.UNAVAILABLE,
                )
            return _replayed(found.answer)
        return _error("The Idempotency-Key could not be claimed; retry.", ErrorCode.UNAVAILABLE)
