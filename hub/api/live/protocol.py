"""``graphql-transport-ws`` with the hub's authentication at ``connection_init``.

Close codes: 4401 when the token is missing, invalid, expired or revoked; 4403 when the
caller may not act in the tenant (no role, unknown tenant, path and header disagree);
1013 (try again later) when the database cannot be reached. Only subscriptions run over
the socket: queries and mutations go over HTTP. A socket runs at most
``LIMITS.subscriptions_per_socket`` operations at once: one more gets a ``LIMIT_EXCEEDED``
error of its own and the socket stays open.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any, cast

from graphql import GraphQLError
from starlette.websockets import WebSocket
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.schema import BaseSchema
from strawberry.schema.schema import StreamResult
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    Message,
    SubscribeMessage,
)
from strawberry.types.execution import ExecutionResult, PreExecutionError

from hub.api.documents import request_error
from hub.api.limits import LIMITS, limit_error
from hub.core.context import Context
from hub.core.errors import HubError, Unauthenticated, Unavailable
from hub.core.request_state import RequestState
from hub.serving.unavailable import MESSAGE, is_database_unavailable
from hub.trusted.mode import effective_mode
from hub.trusted.requests import resolve_document

if TYPE_CHECKING:
    from hub.api.view import HubGraphQL

log = logging.getLogger(__name__)

UNAUTHORIZED = 4401
FORBIDDEN = 4403
TRY_AGAIN_LATER = 1013
# WebSocket close reasons are limited to 123 bytes.
REASON_BYTES = 123


def _reason(message: str) -> str:
    return message.encode()[:REASON_BYTES].decode(errors="ignore")


async def _refused(error: HubError) -> AsyncGenerator[ExecutionResult, None]:
    yield PreExecutionError(
        data=None,
        errors=[
            GraphQLError(error.message, extensions={"code": str(error.code), **error.extensions})
        ],
    )


class _SubscriptionsOnly:
    """The schema as the socket sees it: ``stream`` runs subscriptions and refuses the
    other operations with an error, and documents the tenant may not run (see hub.trusted)
    as over HTTP."""

    def __init__(self, schema: BaseSchema, view: HubGraphQL) -> None:
        self._schema = schema
        self._view = view

    def __getattr__(self, name: str) -> Any:
        return getattr(self._schema, name)

    async def stream(self, query: str | None, **kwargs: Any) -> StreamResult:
        kwargs.pop("allowed_operation_types", None)
        context: Context = kwargs["context_value"]
        tenant = context.tenant
        mode = effective_mode(self._view.settings.trusted_documents, tenant.trusted_documents)
        try:
            await resolve_document(query, None, tenant, mode, self._view.documents)
        except HubError as error:
            return _refused(error)
        return await self._schema.subscribe(query, **kwargs)


def _malformed(message: object) -> str | None:
    """What makes a message one the protocol does not allow, for the fields Strawberry
    reads without checking (it would fail with the socket open and no close code)."""
    if not isinstance(message, dict):
        return "Failed to parse message"
    if message.get("type") != "subscribe":
        return None
    payload = message.get("payload")
    if not isinstance(message.get("id"), str) or not isinstance(payload, dict):
        return "A subscribe message has a string id and an object payload"
    if not isinstance(payload.get("query"), str):
        return "A subscribe message's payload has a string query"
    for name, kind in (("variables", dict), ("operationName", str), ("extensions", dict)):
        if payload.get(name) is not None and not isinstance(payload[name], kind):
            return f"A subscribe message's {name} is {'an object' if kind is dict else 'a string'}"
    return None


class LiveHandler(BaseGraphQLTransportWSHandler[Context, None]):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = cast(BaseSchema, _SubscriptionsOnly(self.schema, kwargs["view"]))

    @property
    def _socket(self) -> WebSocket:
        return cast(ASGIWebSocketAdapter, self.websocket).ws

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        payload = message.get("payload") or {}
        if self.connection_init_received or not isinstance(payload, dict):
            await super().handle_connection_init(message)  # closes with the protocol's code
            return
        state = RequestState.of(self._socket.scope)
        if state.live is None:
            raise RuntimeError("the view gives each WebSocket its live side")
        try:
            session = await state.live.open(self._socket, payload)
            state.session = session
            # The context of the subscriptions' setup; each event gets a fresh one.
            self.context = await session.context()
        except Exception as exc:
            await self._refuse(exc)
            return
        await super().handle_connection_init(message)

    async def handle_message(self, message: Message) -> None:
        problem = _malformed(message)
        if problem is not None:
            await self.handle_invalid_message(problem)  # closes with 4400
            return
        await super().handle_message(message)

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        refusal = self._refusal(message)
        if refusal is not None:
            await self.send_message(
                {"id": message["id"], "type": "error", "payload": [refusal.formatted]}
            )
            return
        await super().handle_subscribe(message)

    def _refusal(self, message: SubscribeMessage) -> GraphQLError | None:
        """Why the hub refuses this subscription, leaving the socket open. The protocol's own
        refusals (before the acknowledgement, an id in use) close the socket and come first."""
        if not self.connection_acknowledged or message["id"] in self.operations:
            return None
        # ``operations`` holds what runs now: an operation leaves it when it completes, fails
        # or is stopped, which frees its slot.
        if len(self.operations) >= LIMITS.subscriptions_per_socket:
            return limit_error("subscriptionsPerSocket", LIMITS.subscriptions_per_socket)
        payload = message["payload"]
        return request_error(
            payload.get("query"), payload.get("operationName"), payload.get("variables")
        )

    async def _refuse(self, exc: Exception) -> None:
        self.connection_init_received = True
        if self.connection_init_timeout_task:
            self.connection_init_timeout_task.cancel()
        if isinstance(exc, Unauthenticated):
            code, reason = UNAUTHORIZED, exc.message
        elif isinstance(exc, Unavailable) or is_database_unavailable(exc):
            code, reason = TRY_AGAIN_LATER, MESSAGE
        elif isinstance(exc, HubError):
            code, reason = FORBIDDEN, exc.message
        else:
            raise exc
        await self.websocket.close(code=code, reason=_reason(reason))
