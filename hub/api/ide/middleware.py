"""Pure ASGI middleware in front of a GraphQL endpoint: a browser opening it gets GraphiQL.

It stands before authentication, since a browser sends no bearer token when it opens a
page: GraphiQL sends the token from its headers editor with every query, prefilled under
the development secret key (``page.demo_token``). Only in development: a production hub
has no such middleware, and a browser's request there gets what any GET without a query
gets.
"""

from __future__ import annotations

from starlette.datastructures import Headers, QueryParams
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.api.ide.assets import IdeAssets
from hub.api.ide.page import (
    CONTENT_SECURITY_POLICY,
    default_headers,
    demo_token,
    render_page,
)
from hub.core.config import Settings

# A request with any of these is a GraphQL request, whatever its Accept header says.
GRAPHQL_PARAMETERS = ("query", "documentId", "extensions", "variables", "operationName")


def _accepts_html(accept: str) -> bool:
    for part in accept.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if media.lower() != "text/html":
            continue
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    return float(value) > 0
                except ValueError:
                    return False
        return True
    return False


def wants_ide(scope: Scope) -> bool:
    """A browser navigating to the endpoint: a GET with no GraphQL parameters whose Accept
    header names HTML, as browsers' do (``text/html,...,*/*;q=0.8``). A client that accepts
    anything (``*/*``, curl's default) gets the API."""
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return False
    params = QueryParams(scope.get("query_string", b"").decode("latin-1"))
    if any(name in params for name in GRAPHQL_PARAMETERS):
        return False
    return _accepts_html(Headers(scope=scope).get("accept", ""))


class GraphiQLMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings, assets: IdeAssets) -> None:
        self.app = app
        self.settings = settings
        self.assets = assets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not wants_ide(scope):
            await self.app(scope, receive, send)
            return
        page = render_page(
            self.assets,
            headers=default_headers(demo_token(self.settings)),
            tenant=scope.get("path_params", {}).get("tenant"),
            root_path=scope.get("root_path", ""),
        )
        response = HTMLResponse(
            page,
            headers={
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                # The page holds a fresh token: never keep it.
                "Cache-Control": "no-store",
                "Referrer-Policy": "no-referrer",
                "X-Content-Type-Options": "nosniff",
                "Vary": "Accept",
            },
        )
        await response(scope, receive, send)
