"""Small helpers for pure ASGI middleware."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.core.errors import HubError, error_body

GRAPHQL_RESPONSE = "application/graphql-response+json"
# The ASGI extension that lets an app answer a WebSocket handshake with an HTTP response.
DENIAL_RESPONSE = "websocket.http.response"
# Sent when a handshake is refused by closing: the server answers the client with a 403.
POLICY_VIOLATION = 1008
# Seconds a client is asked to wait before retrying a 503.
RETRY_AFTER_SECONDS = 2


async def send_error(
    error: HubError,
    scope: Scope,
    receive: Receive,
    send: Send,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Answer with a GraphQL error document and the error's HTTP status.

    A WebSocket handshake gets the same answer instead of being accepted, when the server
    can send one; otherwise it is closed before it is accepted, which the server answers
    with a bare 403.
    """
    if scope["type"] == "websocket" and DENIAL_RESPONSE not in scope.get("extensions", {}):
        await send({"type": "websocket.close", "code": POLICY_VIOLATION})
        return
    accept = Headers(scope=scope).get("accept", "")
    media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else "application/json"
    extra = dict(headers or {})
    if error.http_status == 401:
        extra["WWW-Authenticate"] = "Bearer"
    response = JSONResponse(
        error_body(error), status_code=error.http_status, media_type=media_type, headers=extra
    )
    await response(scope, receive, send)


class HttpMiddleware:
    """Pure ASGI middleware for HTTP requests: anything else (a WebSocket, the lifespan)
    passes through untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.handle(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class StartTracking:
    """A ``send`` that remembers the status the answer started with, if it has started:
    once it has, an error can no longer be answered with a response of its own.

    ``on_start`` sees the start message before it leaves, to add headers to it."""

    def __init__(self, send: Send, on_start: Callable[[Message], None] | None = None) -> None:
        self._send = send
        self._on_start = on_start
        self.status: int | None = None

    @property
    def started(self) -> bool:
        return self.status is not None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            if self._on_start is not None:
                self._on_start(message)
        await self._send(message)


async def send_retry_later(error: HubError, scope: Scope, receive: Receive, send: Send) -> None:
    """A 503 that tells the client when to retry."""
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    await send_error(error, scope, receive, send, headers=headers)
