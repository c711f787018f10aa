"""The calendar feed over HTTP: ``GET /t/SLUG/calendar.ics`` (or ``/calendar.ics``), with
the API's authentication and tenant resolution. A calendar program cannot send headers,
so an API token may come in the URL (``?token=hub_...``); no other kind of token may."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.access.middleware import asks_network, request_context
from hub.auth.tokens import is_api_token
from hub.calendar.feed import calendar, happenings
from hub.core.config import Settings
from hub.core.errors import BadUserInput, HubError, Unauthenticated
from hub.core.http import send_error
from hub.i18n.languages import Language
from hub.tenancy.isolation import tenant_scope

MEDIA_TYPE = "text/calendar; charset=utf-8"


class TokenInQuery:
    """Moves an API token given as ``?token=`` into the Authorization header, and out of
    the query, before authentication; a request with a header keeps its header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        tokens = [value for name, value in query if name == "token"]
        if not tokens:
            await self.app(scope, receive, send)
            return
        if not all(is_api_token(token) for token in tokens) or len(tokens) > 1:
            error = Unauthenticated("Only one API token (hub_...) may be given in the URL.")
            await send_error(error, scope, receive, send)
            return
        headers = list(scope["headers"])
        if not any(name == b"authorization" for name, _ in headers):
            headers.append((b"authorization", f"Bearer {tokens[0]}".encode("latin-1")))
        rest = urlencode([(name, value) for name, value in query if name != "token"])
        await self.app(
            {**scope, "headers": headers, "query_string": rest.encode("latin-1")}, receive, send
        )


class CalendarEndpoint:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        try:
            body = await self._feed(request)
        except HubError as error:
            await send_error(error, scope, receive, send)
            return
        response = Response(body, media_type=MEDIA_TYPE, headers={"Cache-Control": "no-store"})
        await response(scope, receive, send)

    async def _feed(self, request: Request) -> str:
        ctx = request_context(request, self.settings, "the calendar")
        network = asks_network(request, "network")
        lang = (request.query_params.get("lang") or "").lower() or None
        if lang is not None and lang not in {language.value for language in Language}:
            raise BadUserInput("lang is one of the UN languages: ar, en, es, fr, ru, zh.")
        async with tenant_scope(ctx.tenant.path, ctx.decisions.reach_setting):
            found = await happenings(ctx, network=network, lang=lang)
        return calendar(f"{ctx.tenant.name}: consultations and events", found)
