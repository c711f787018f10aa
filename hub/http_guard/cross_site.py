"""No state change through a request that a page of another site makes a browser send.

A form can only post ``text/plain``, ``application/x-www-form-urlencoded`` or
``multipart/form-data``, which the endpoint refuses (415, see ``hub.api.over_http``), and
GET never runs a mutation (405). This check closes what remains: a POST whose ``Origin`` is
neither the hub's own nor a configured CORS origin is refused with 403 before it is read,
as is one that the browser marks ``Sec-Fetch-Site: cross-site`` without an ``Origin``.
WebSocket handshakes are checked the same way and refused before they are accepted: neither
the same-origin policy nor CORS applies to them, so any page may open a socket to the hub
and ``Origin`` is all that tells who asked. Clients that are not browsers send neither
header and are not affected.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.core.errors import Forbidden
from hub.core.http import send_error
from hub.core.origins import normalise_origin


def _is_own_origin(origin: str, host: str) -> bool:
    # Compared without the scheme: behind a proxy that ends TLS the hub sees http while the
    # browser says https.
    try:
        return normalise_origin(f"{urlsplit(origin).scheme}://{host}") == origin
    except ValueError:
        return False


def is_cross_site(headers: Headers, allowed: frozenset[str]) -> bool:
    """Whether a browser sent this request for a page that is not allowed to make it."""
    site = headers.get("sec-fetch-site", "").lower()
    if site in ("same-origin", "none"):  # set by the browser; a page cannot forge it
        return False
    origin = headers.get("origin")
    if origin is None:
        return site in ("cross-site", "same-site")
    try:
        normalised = normalise_origin(origin)
    except ValueError:  # "null": a sandboxed frame or a local file
        return True
    return normalised not in allowed and not _is_own_origin(normalised, headers.get("host", ""))


class CrossSiteMiddleware:
    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _is_checked(scope):
            headers = Headers(scope=scope)
            if is_cross_site(headers, self.allowed):
                await send_error(_refusal(scope, headers), scope, receive, send)
                return
        await self.app(scope, receive, send)


def _is_checked(scope: Scope) -> bool:
    # GET runs no mutation; reading across origins is what CORS governs.
    if scope["type"] == "http":
        return bool(scope["method"] == "POST")
    return bool(scope["type"] == "websocket")


def _refusal(scope: Scope, headers: Headers) -> Forbidden:
    origin = headers.get("origin", "another site")
    if scope["type"] == "websocket":
        refused = f"A WebSocket from {origin} may not be opened to the hub"
    else:
        refused = f"A request from {origin} may not be posted to the hub"
    return Forbidden(f"{refused}; cross-origin callers must be listed in the hub's CORS origins.")
