"""The GraphQL endpoint speaks GET and POST (OPTIONS is CORS's): anything else is a 405.

Refused before authentication, so a stray ``PUT`` costs no token check and gets a GraphQL
error naming the allowed methods rather than a plain-text page.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from hub.core.errors import MethodNotAllowed
from hub.core.http import send_error

ALLOWED = frozenset({"GET", "POST"})


class AllowedMethodsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ALLOWED:
            await self.app(scope, receive, send)
            return
        error = MethodNotAllowed(f"{scope['method']} is not accepted here; use GET or POST.")
        await send_error(error, scope, receive, send, headers={"Allow": "GET, POST"})
