"""The HTTP view: Strawberry on Starlette, with the hub's typed context."""

from __future__ import annotations

import dataclasses
from typing import Any, cast

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.execution import SubscriptionExecutionResult

from hub.api.batches import BatchTooLarge, batch_items, item_request
from hub.api.documents import request_error
from hub.api.limits import LIMITS, is_token_limit, limit_error
from hub.api.live.protocol import LiveHandler
from hub.api.live.sessions import Live
from hub.api.over_http import (
    GRAPHQL_RESPONSE,
    body_member_error,
    check_request_media_type,
    json_type_name,
    response_media_type,
)
from hub.api.schema import production_schema, schema
from hub.core.config import Settings
from hub.core.context import Context
from hub.core.errors import (
    BadRequest,
    BodyTooLarge,
    ErrorCode,
    HubError,
    MethodNotAllowed,
    NotAcceptable,
    PersistedQueryNotFound,
    RateLimited,
    Unavailable,
    UnsupportedMediaType,
    UntrustedDocument,
    error_body,
)
from hub.core.request_state import RequestState
from hub.observability.logs import request_id
from hub.results.cache import ResultCache
from hub.serving.unavailable import is_database_unavailable, unavailable
from hub.trusted.mode import effective_mode
from hub.trusted.requests import resolve_document
from hub.trusted.store import TrustedDocumentStore


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


def _is_request_error(result: ExecutionResult) -> bool:
    """The document did not parse or validate, or a variable could not be coerced: nothing
    was executed, and no error has a path."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(error.path is None for error in errors)


async def _requested_document_id(request: Request) -> object:
    if request.method == "GET":
        return request.query_params.get("documentId")
    # Strawberry has decoded the (cached) body already but keeps only the fields it knows.
    body = orjson.loads(await request.body())
    return body.get("documentId") if isinstance(body, dict) else None


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
        self.documents = TrustedDocumentStore()
        self.results = ResultCache(settings.result_cache_entries, settings.result_cache_bytes)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        # Strawberry's IDEs load from public CDNs; the hub serves its own GraphiQL in front
        # of this view (hub.api.ide), and a GET without a query that reaches the view is
        # a request error like any other.
        return False

    def is_websocket_origin_allowed(self, request: WebSocket, origin: str) -> bool:
        # Strawberry refuses cross-origin handshakes by a list of its own, in development
        # too and whatever the hub's CORS origins. The hub's cross-site check
        # (hub.http_guard.cross_site) has decided before the view is reached, by the hub's
        # settings, as it does for HTTP.
        return True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            if self.live is None:
                await WebSocket(scope, receive, send).close(code=1008)
                return
            RequestState.of(scope).live = self.live
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
        try:
            check_request_media_type(request.method, request.headers)
            _check_declared_length(request)
            request = Request(scope, _bounded(receive))
            items = await batch_items(request)
            if items is None:
                response = await self._answer(request, media_type)
            else:
                response = await self._answer_batch(request, items, media_type)
        except (UnsupportedMediaType, BodyTooLarge, BadRequest, BatchTooLarge) as error:
            response = self._error_response(error, media_type)
        except RateLimited as error:
            response = self._error_response(error, media_type)
            response.headers["Retry-After"] = str(error.extensions["retryAfter"])
        await response(scope, receive, send)

    async def _answer(self, request: Request, media_type: str) -> Response:
        """The response to one GraphQL request: alone, or one operation of a batch."""
        try:
            response = await self.run(request)
        except (
            UnsupportedMediaType,
            BodyTooLarge,
            BadRequest,
            PersistedQueryNotFound,
            UntrustedDocument,
        ) as error:
            return self._error_response(error, media_type)
        except HTTPException as exc:
            return self._error_response(self._as_hub_error(exc, request.method), media_type)
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        if (
            RequestState.of(request.scope).operation.request_error
            and media_type == GRAPHQL_RESPONSE
        ):
            response.status_code = 400
        return response

    async def _answer_batch(
        self, request: Request, items: list[object], media_type: str
    ) -> Response:
        """Each operation of a batch answered in turn, as it would be alone (see
        hub.api.batches); the answer lists their results."""
        rate_budget = RequestState.of(request.scope).rate_budget
        if rate_budget is not None and len(items) > 1:
            refused = await rate_budget(len(items) - 1)
            if refused is not None:
                raise refused
        each = [item_request(request.scope, item, index) for index, item in enumerate(items)]
        bodies = [(await self._answer(one, media_type)).body for one in each]
        # Work they left behind no longer speaks for the request once it is answered.
        for one in each:
            RequestState.of(one.scope).handled = True
        return Response(
            b"[" + b",".join(bodies) + b"]",
            media_type=f"{media_type}; charset=utf-8",
        )

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

    async def execute_operation(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        request_data: GraphQLRequestData | list[GraphQLRequestData],
        context: Context,
        root_value: None,
        sub_response: Response,
    ) -> ExecutionResult | list[ExecutionResult] | SubscriptionExecutionResult:
        if isinstance(request_data, GraphQLRequestData):
            request_data = await self._trusted(request, request_data, context)
        return await super().execute_operation(
            request, request_adapter, request_data, context, root_value, sub_response
        )

    async def _trusted(
        self, request: Request, request_data: GraphQLRequestData, context: Context
    ) -> GraphQLRequestData:
        """The request with the document it may run (see hub.trusted.requests)."""
        mode = effective_mode(self.settings.trusted_documents, context.tenant.trusted_documents)
        query, document = await resolve_document(
            request_data.query,
            await _requested_document_id(request),
            context.tenant,
            mode,
            self.documents,
        )
        RequestState.of(request.scope).operation.document = document
        return dataclasses.replace(request_data, query=query)

    def decode_json(self, data: str | bytes) -> object:
        # orjson refuses what the standard library would turn into a 500: bytes that are not
        # UTF-8 (a UnicodeDecodeError) and nesting deeper than 1,024 (a RecursionError).
        # Its error is a json.JSONDecodeError, which Strawberry answers with a 400.
        return orjson.loads(data)

    def parse_json(self, data: str | bytes) -> Any:
        parsed = super().parse_json(data)
        # Strawberry expects an object (or a batch, refused as such) whose members are of
        # their types: any other JSON value would fail inside it as a 500 or be coerced.
        if not isinstance(parsed, (dict, list)):
            raise HTTPException(400, f"Expected a JSON object, not {json_type_name(parsed)}.")
        if isinstance(parsed, dict) and (refused := body_member_error(parsed)) is not None:
            raise HTTPException(400, refused)
        return parsed

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        refused = request_error(
            request_data.query, request_data.operation_name, request_data.variables
        )
        if refused is not None:
            return ExecutionResult(data=None, errors=[refused])
        # An audit entry the operation writes finds its own state, also in a batch.
        with RequestState.of(request.scope).entered():
            return await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )

    def encode_json(self, data: object) -> str:
        # Text, not bytes: WebSocket messages go out as text frames, as graphql-ws expects.
        return orjson.dumps(data).decode()

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        scope = request.scope
        if scope["type"] == "websocket":
            # Nobody is authenticated before ``connection_init``: the handler builds the
            # context then (see hub.api.live.protocol).
            return cast(Context, None)
        state = RequestState.of(scope)
        if state.principal is None or state.tenant is None or state.decisions is None:
            raise RuntimeError("the view runs after authentication and the tenant's lookup")
        return Context(
            request=request,  # type: ignore[arg-type]
            settings=self.settings,
            principal=state.principal,
            tenant=state.tenant,
            decisions=state.decisions,
            request_id=request_id(scope),
            result_cache=self.results,
        )

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # A database that went away mid-operation leaves only errors and partial data:
        # the whole request is answered 503 instead (see hub.serving.unavailable).
        for error in result.errors or []:
            code = (error.extensions or {}).get("code")
            if is_database_unavailable(error.original_error):
                raise unavailable() from error.original_error
            if code == ErrorCode.UNAVAILABLE:
                # Its message says why (the database, or a request to retry shortly).
                raise Unavailable(error.message) from error.original_error
        processed = await super().process_result(request, result)  # type: ignore[arg-type]
        if _is_request_error(result):
            # A request error has no data entry at all, and its status depends on the
            # negotiated media type (see hub.api.over_http).
            RequestState.of(request.scope).operation.request_error = True
            processed.pop("data", None)
            # Parse errors come before the schema's extensions run: give them their code.
            for formatted in cast(list[dict[str, Any]], processed.get("errors") or []):
                extensions = formatted.setdefault("extensions", {})
                if is_token_limit(str(formatted.get("message", ""))):
                    extensions.update(limit_error("tokens", LIMITS.tokens).extensions or {})
                extensions.setdefault("code", str(ErrorCode.BAD_USER_INPUT))
        return processed
