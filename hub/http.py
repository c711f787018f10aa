"""Small helpers for pure ASGI middleware."""

from __future__ import annotations

from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from hub.errors import HubError, error_body

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def send_error(
    error: HubError,
    scope: Scope,
    receive: Receive,
    send: Send,
    headers: Mapping[str, str] | None = None,
) -> None:
    """Answer with a GraphQL error document and the error's HTTP status."""
    accept = Headers(scope=scope).get("accept", "")
    media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else "application/json"
    extra = dict(headers or {})
    if error.http_status == 401:
        extra["WWW-Authenticate"] = "Bearer"
    response = JSONResponse(
        error_body(error), status_code=error.http_status, media_type=media_type, headers=extra
    )
    await response(scope, receive, send)
