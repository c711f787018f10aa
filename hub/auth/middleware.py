"""Pure ASGI middleware that authenticates the bearer token of every request."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.auth.oidc import OidcVerifier
from hub.auth.service import authenticate
from hub.errors import HubError
from hub.http import send_error
from hub.results.directory import one_request
from hub.tenancy.requested import tenant_in_header, tenant_in_path
from hub.tenancy.slugs import is_slug

PRINCIPAL_KEY = "hub.principal"


class AuthenticationMiddleware:
    def __init__(self, app: ASGIApp, secret_key: str, oidc: OidcVerifier | None = None) -> None:
        self.app = app
        self.secret_key = secret_key
        self.oidc = oidc

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # The tenant as the request names it (the tenant middleware checks it): its
        # revision is read with the global one.
        named = tenant_in_path(scope) or tenant_in_header(scope)
        with one_request(named if named and is_slug(named) else None):
            try:
                principal = await authenticate(
                    Headers(scope=scope).get("authorization"), self.secret_key, self.oidc
                )
            except HubError as error:
                await send_error(error, scope, receive, send)
                return
            scope[PRINCIPAL_KEY] = principal
            await self.app(scope, receive, send)
