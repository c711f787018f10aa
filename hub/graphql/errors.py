"""Every GraphQL error leaves with an ``extensions.code``; unexpected ones are masked."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.relay.types import GlobalIDValueError, InvalidGlobalIDError
from strawberry.schema.exceptions import InvalidOperationTypeError

from hub.core.errors import ErrorCode, HubError
from hub.serving.unavailable import is_database_unavailable, timeout_error, unavailable

log = logging.getLogger("hub.errors")

INTERNAL_MESSAGE = "Internal server error."


def classify(error: GraphQLError, request_id: str) -> GraphQLError:
    original = error.original_error
    extensions = dict(error.extensions or {})
    if isinstance(original, HubError):
        extensions.update(original.extensions)
        extensions["code"] = str(original.code)
        message = original.message
    elif isinstance(original, InvalidOperationTypeError):
        # Over HTTP the view answers this itself (405); it reaches here from a WebSocket.
        extensions["code"] = str(ErrorCode.BAD_REQUEST)
        message = f"{error.message}: a WebSocket runs subscriptions; send the others over HTTP."
    elif isinstance(original, (GlobalIDValueError, InvalidGlobalIDError)):
        extensions["code"] = str(ErrorCode.BAD_USER_INPUT)
        message = str(original)
    elif isinstance(original, GraphQLError):
        # Raised on purpose with its own code (a field's permission class), or by
        # graphql-core while coercing the caller's variables.
        extensions.update(original.extensions or {})
        extensions.setdefault("code", str(ErrorCode.BAD_USER_INPUT))
        message = error.message
    elif (timeout := timeout_error(original)) is not None:
        original = timeout
        extensions = {"code": str(timeout.code), **timeout.extensions}
        message = timeout.message
    elif is_database_unavailable(original):
        original = unavailable()
        extensions = {"code": str(original.code)}
        message = original.message
    elif original is None:
        # Parse, validation and variable errors come from the query document itself.
        extensions.setdefault("code", str(ErrorCode.BAD_USER_INPUT))
        message = error.message
    else:
        log.error(
            "unexpected error (request %s) at %s",
            request_id,
            error.path,
            exc_info=(type(original), original, original.__traceback__),
        )
        extensions = {"code": str(ErrorCode.INTERNAL), "requestId": request_id}
        message = INTERNAL_MESSAGE
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original if isinstance(original, HubError) else None,
        extensions=extensions,
    )


class ErrorCodes(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        self._classify(self.execution_context.result)

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Each event of a subscription leaves on its own, before the operation ends.
        self._classify(result)
        yield

    def _classify(self, result: Any) -> None:
        errors = getattr(result, "errors", None)
        if result is None or not errors:
            return
        context = self.execution_context.context
        request_id = getattr(context, "request_id", None) or "-"
        result.errors = [classify(error, request_id) for error in errors]
