"""The HTTP view: Strawberry on Starlette, with the hub's typed context."""

from __future__ import annotations

from typing import Any, cast

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult

from hub.auth.middleware import PRINCIPAL_KEY
from hub.config import Settings
from hub.context import Context
from hub.errors import (
    BadRequest,
    BodyTooLarge,
    ErrorCode,
    HubError,
    MethodNotAllowed,
    NotAcceptable,
    UnsupportedMediaType,
    error_body,
)
from hub.graphql.limits import LIMITS, is_token_limit, limit_error
from hub.graphql.over_http import (
    GRAPHQL_RESPONSE,
    check_request_media_type,
    response_media_type,
)
from hub.graphql.schema import production_schema, schema
from hub.live.protocol import LiveHandler
from hub.live.sessions import LIVE_KEY, Live
from hub.logs import request_id
from hub.tenancy.middleware import DECISIONS_KEY, TENANT_KEY
from hub.unavailable import is_database_unavailable, unavailable


def _too_large() -> BodyTooLarge:
    return BodyTooLarge(
        f"The request body exceeds {LIMITS.body_bytes} bytes.",
        limit="bodyBytes",
        value=LIMITS.body_bytes,
    )


def _check_declared_length(request: Request) -> None:
    try:
        declared = int(request.headers.get("content-length", "0"))
    except ValueError:
        declared = 0
    if declared > LIMITS.body_bytes:
        raise _too_large()


def _bounded(receive: Receive) -> Receive:
    """``receive`` that stops a body growing past the limit, whatever its headers said."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > LIMITS.body_bytes:
                raise _too_large()
        return message

    return bounded


MEDIA_TYPE_KEY = "hub.response_media_type"
REQUEST_ERROR_KEY = "hub.request_error"


def _is_request_error(result: ExecutionResult) -> bool:
    """The document did not parse or validate, or a variable could not be coerced: nothing
    was executed, and no error has a path."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


class HubGraphQL(GraphQL[Context, None]):
    graphql_transport_ws_handler_class = LiveHandler

    def __init__(self, settings: Settings, live: Live | None = None) -> None:
        super().__init__(
            production_schema() if settings.is_production else schema,
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        )
        self.settings = settings
        self.live = live

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            if self.live is None:
                await WebSocket(scope, receive, send).close(code=1008)
                return
            scope[LIVE_KEY] = self.live
            await super().__call__(scope, receive, send)
            return
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            media_type = response_media_type(request.headers)
        except NotAcceptable as error:
            await JSONResponse(error_body(error), status_code=error.http_status)(
                scope, receive, send
            )
            return
        scope[MEDIA_TYPE_KEY] = media_type
        try:
            check_request_media_type(request.method, request.headers)
            _check_declared_length(request)
            request = Request(scope, _bounded(receive))
            response = await self.run(request)
        except (UnsupportedMediaType, BodyTooLarge) as error:
            response = self._error_response(error, media_type)
        except HTTPException as exc:
            response = self._error_response(self._as_hub_error(exc, request.method), media_type)
        else:
            response.headers["content-type"] = f"{media_type}; charset=utf-8"
            if scope.get(REQUEST_ERROR_KEY) and media_type == GRAPHQL_RESPONSE:
                response.status_code = 400
        await response(scope, receive, send)

    @staticmethod
    def _as_hub_error(exc: HTTPException, method: str) -> HubError:
        if exc.status_code == 405 or isinstance(exc.__cause__, InvalidOperationTypeError):
            return MethodNotAllowed(
                "Only queries may be sent with GET; send mutations with POST.",
            )
        return BadRequest(exc.reason)

    @staticmethod
    def _error_response(error: HubError, media_type: str) -> Response:
        headers = {"Allow": "GET, POST"} if isinstance(error, MethodNotAllowed) else None
        return JSONResponse(
            error_body(error),
            status_code=error.http_status,
            media_type=f"{media_type}; charset=utf-8",
            headers=headers,
        )

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        scope = request.scope
        if scope["type"] == "websocket":
            # Nobody is authenticated before ``connection_init``: the handler builds the
            # context then (see hub.live.protocol).
            return cast(Context, None)
        return Context(
            request=request,  # type: ignore[arg-type]
            settings=self.settings,
            principal=scope[PRINCIPAL_KEY],
            tenant=scope[TENANT_KEY],
            decisions=scope[DECISIONS_KEY],
            request_id=request_id(scope),
        )

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # A database that went away mid-operation leaves only errors and partial data:
        # the whole request is answered 503 instead (see hub.unavailable).
        for error in result.errors or []:
            code = (error.extensions or {}).get("code")
            if code == ErrorCode.UNAVAILABLE or is_database_unavailable(error.original_error):
                raise unavailable() from error.original_error
        processed = await super().process_result(request, result)  # type: ignore[arg-type]
        if _is_request_error(result):
            # A request error has no data entry at all, and its status depends on the
            # negotiated media type (see hub.graphql.over_http).
            request.scope[REQUEST_ERROR_KEY] = True
            processed.pop("data", None)
            # Parse errors come before the schema's extensions run: give them their code.
            for formatted in cast(list[dict[str, Any]], processed.get("errors") or []):
                extensions = formatted.setdefault("extensions", {})
                if is_token_limit(str(formatted.get("message", ""))):
                    extensions.update(limit_error("tokens", LIMITS.tokens).extensions or {})
                extensions.setdefault("code", str(ErrorCode.BAD_USER_INPUT))
        return processed
