"""Exports over HTTP: ``GET /export/RESOURCE.FORMAT`` (or ``/t/SLUG/export/...``), behind
the same authentication and tenant resolution as the GraphQL endpoint, streamed as it is
written. ``?scope=network`` adds what reaches the tenant, ``?tenant=SLUG`` keeps to one."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Receive, Scope, Send

from hub.access.middleware import asks_network, request_context
from hub.core.config import Settings
from hub.core.context import Context
from hub.core.errors import BadUserInput, HubError
from hub.core.http import send_error
from hub.exports.export import Export, stream


class ExportEndpoint:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            context, export = self._asked(request)
            chunks = await stream(context, export)
        except HubError as error:
            await send_error(error, scope, receive, send)
            return
        response = StreamingResponse(
            chunks,
            media_type=export.format.media_type,
            headers={
                "Content-Disposition": f'attachment; filename="{export.filename}"',
                "Cache-Control": "no-store",
            },
        )
        await response(scope, receive, send)

    def _asked(self, request: Request) -> tuple[Context, Export]:
        context = request_context(request, self.settings, "an export")
        resource, dot, format = request.path_params["file"].rpartition(".")
        if not dot:
            raise BadUserInput("Name the export as RESOURCE.FORMAT, e.g. proposals.csv.")
        export = Export.of(
            resource,
            format,
            network=asks_network(request, "subtree"),
            tenant_slug=request.query_params.get("tenant") or None,
        )
        return context, export
