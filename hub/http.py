"""Small helpers for pure ASGI middleware."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import Receive, Scope, Send

from hub.errors import HubError, error_body

GRAPHQL_RESPONSE = "application/graphql-response+json"


async def send_error(error: HubError, scope: Scope, receive: Receive, send: Send) -> None:
    """Answer with a GraphQL error document and the error's HTTP status."""
    accept = Headers(scope=scope).get("accept", "")
    media_type = GRAPHQL_RESPONSE if GRAPHQL_RESPONSE in accept else "application/json"
    headers = {"WWW-Authenticate": "Bearer"} if error.http_status == 401 else None
    response = JSONResponse(
        error_body(error), status_code=error.http_status, media_type=media_type, headers=headers
    )
    await response(scope, receive, send)
