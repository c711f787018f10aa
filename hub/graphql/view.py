"""The HTTP view: Strawberry on Starlette, with the hub's typed context."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult

from hub.auth.middleware import PRINCIPAL_KEY
from hub.config import Settings
from hub.context import Context
from hub.errors import ErrorCode
from hub.graphql.schema import schema
from hub.logs import request_id
from hub.tenancy.middleware import DECISIONS_KEY, TENANT_KEY
from hub.unavailable import is_database_unavailable, unavailable


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
            request_id=request_id(scope),
        )

    async def process_result(
        self, request: Request | WebSocket, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        # A database that went away mid-operation leaves only errors and partial data:
        # the whole request is answered 503 instead (see hub.unavailable).
        for error in result.errors or []:
            code = (error.extensions or {}).get("code")
            if code == ErrorCode.UNAVAILABLE or is_database_unavailable(error.original_error):
                raise unavailable() from error.original_error
        return await super().process_result(request, result)  # type: ignore[arg-type]
