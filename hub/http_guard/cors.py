"""CORS for the configured origins only (``HUB_CORS_ORIGINS``).

Callers authenticate with a bearer token in ``Authorization``, never with cookies, so the
hub sends no ``Access-Control-Allow-Credentials`` and needs no wildcard: each allowed
origin is echoed back by name. Without configured origins no CORS header is sent at all,
and a preflight is answered like any other method the endpoint does not take.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hub.core.errors import Forbidden, HubError, MethodNotAllowed
from hub.core.http import HttpMiddleware, StartTracking, send_error
from hub.core.origins import normalise_origin
from hub.core.tenant_naming import TENANT_HEADER
from hub.observability.logs import REQUEST_ID_HEADER

ALLOWED_METHODS = ("GET", "POST")
ALLOWED_HEADERS = (
    "authorization",
    "content-type",
    "accept",
    "accept-language",
    TENANT_HEADER,
    REQUEST_ID_HEADER,
    "idempotency-key",
)
# Response headers a front end may read besides the safelisted ones.
EXPOSED_HEADERS = (REQUEST_ID_HEADER, "retry-after")
# How long a browser may reuse a preflight's answer.
MAX_AGE_SECONDS = 600
VARY = "Origin"


def allowed_origin(headers: Headers, allowed: frozenset[str]) -> str | None:
    """The request's ``Origin`` as sent, when it is one of ``allowed``."""
    origin = headers.get("origin")
    if origin is None:
        return None
    try:
        return origin if normalise_origin(origin) in allowed else None
    except ValueError:  # "null" (a sandboxed page, a file) and other non-origins
        return None


class CorsMiddleware(HttpMiddleware):
    def __init__(self, app: ASGIApp, origins: frozenset[str]) -> None:
        super().__init__(app)
        self.origins = origins

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] == "OPTIONS":
            await self._preflight(scope, receive, send)
            return
        if not self.origins:
            await self.app(scope, receive, send)
            return
        origin = allowed_origin(Headers(scope=scope), self.origins)

        def add_cors_headers(message: Message) -> None:
            headers = MutableHeaders(scope=message)
            headers.add_vary_header(VARY)
            if origin is not None:
                headers["Access-Control-Allow-Origin"] = origin
                headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)

        await self.app(scope, receive, StartTracking(send, add_cors_headers))

    async def _preflight(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        method = headers.get("access-control-request-method")
        vary = {"Vary": VARY} if self.origins else {}
        if not self.origins or method is None or "origin" not in headers:
            error: HubError = MethodNotAllowed("The GraphQL endpoint takes GET and POST.")
            await send_error(error, scope, receive, send, {"Allow": "GET, POST", **vary})
            return
        origin = allowed_origin(headers, self.origins)
        requested = {
            name.strip().lower()
            for name in headers.get("access-control-request-headers", "").split(",")
            if name.strip()
        }
        refused_headers = sorted(requested - set(ALLOWED_HEADERS))
        if origin is None:
            error = Forbidden(f"Cross-origin requests from {headers['origin']} are not allowed.")
        elif method not in ALLOWED_METHODS:
            error = Forbidden(f"Cross-origin requests may use GET and POST, not {method}.")
        elif refused_headers:
            error = Forbidden(
                f"Cross-origin requests may not send the headers {', '.join(refused_headers)}; "
                f"they may send {', '.join(ALLOWED_HEADERS)}."
            )
        else:
            await self._allow(origin, scope, send)
            return
        await send_error(error, scope, receive, send, vary)

    async def _allow(self, origin: str, scope: Scope, send: Send) -> None:
        headers = [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
            (b"access-control-allow-headers", ", ".join(ALLOWED_HEADERS).encode()),
            (b"access-control-max-age", str(MAX_AGE_SECONDS).encode()),
            (b"vary", VARY.encode()),
            (b"content-length", b"0"),
        ]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
