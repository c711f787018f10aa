"""Pure ASGI middleware that authenticates the bearer token of every request."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.auth.oidc import OidcVerifier
from hub.auth.service import authenticate
from hub.core.errors import HubError
from hub.core.http import HttpMiddleware, send_error
from hub.core.request_state import RequestState


class AuthenticationMiddleware(HttpMiddleware):
    def __init__(self, app: ASGIApp, secret_key: str, oidc: OidcVerifier | None = None) -> None:
        super().__init__(app)
        self.secret_key = secret_key
        self.oidc = oidc

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            principal = await authenticate(
                Headers(scope=scope).get("authorization"), self.secret_key, self.oidc
            )
        except HubError as error:
            await send_error(error, scope, receive, send)
            return
        RequestState.of(scope).principal = principal
        await self.app(scope, receive, send)
