"""The HTTP view: Strawberry on Starlette, with the hub's typed context."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from hub.auth.middleware import PRINCIPAL_KEY
from hub.config import Settings
from hub.context import Context
from hub.graphql.schema import schema
from hub.tenancy.middleware import DECISIONS_KEY, TENANT_KEY


class HubGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(schema, graphql_ide=None)
        self.settings = settings

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        scope = request.scope
        return Context(
            request=request,  # type: ignore[arg-type]
            settings=self.settings,
            principal=scope[PRINCIPAL_KEY],
            tenant=scope[TENANT_KEY],
            decisions=scope[DECISIONS_KEY],
            request_id=request.headers.get("x-request-id") or uuid.uuid4().hex,
        )
