"""The ASGI application."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp
from tortoise import Tortoise
from tortoise.contrib.starlette import RegisterTortoise

from hub.access.decisions import Decisions
from hub.access.enforcer import AccessControl
from hub.access.middleware import TenantMiddleware
from hub.access.watcher import PolicyWatcher, listen_dsn
from hub.api.ide import with_ide
from hub.api.live.sessions import Live
from hub.api.view import HubGraphQL
from hub.auth.middleware import AuthenticationMiddleware
from hub.auth.oidc import OidcVerifier
from hub.calendar.http import CalendarEndpoint, TokenInQuery
from hub.core.config import DEFAULT_SECRET_KEY, Settings
from hub.core.db import WaitBounds, ensure_sqlite_directory, opened_another, tortoise_config
from hub.core.migration_check import refuse_pending_migrations
from hub.core.pg_engine import pool_counts
from hub.exports.http import ExportEndpoint
from hub.federation.watch import LinkWatcher
from hub.http_guard.cors import CorsMiddleware
from hub.http_guard.cross_site import CrossSiteMiddleware
from hub.http_guard.limiter import Limiter
from hub.http_guard.loopback import LoopbackOnlyMiddleware
from hub.http_guard.methods import AllowedMethodsMiddleware
from hub.http_guard.rate_limit import RateLimitMiddleware, build_limiter
from hub.observability.logs import RequestLogMiddleware
from hub.observability.metrics import (
    RequestMetricsMiddleware,
    metrics_enabled,
    unwatch_pool,
    watch_pool,
)
from hub.observability.outage_log import OutageLog
from hub.observability.telemetry import RequestSpanMiddleware, setup_telemetry, shutdown_telemetry
from hub.serving import heap
from hub.serving.load_shedding import LoadSheddingMiddleware
from hub.serving.readiness import DatabaseProbe, pool_serves, pool_stuck
from hub.serving.shutdown import CancelledRequestMiddleware
from hub.serving.unavailable import DatabaseUnavailableMiddleware

log = logging.getLogger(__name__)


def create_app(
    settings: Settings | None = None,
    *,
    manage_orm: bool = True,
    rate_limiter: Limiter | None = None,
    decisions: type[Decisions] = Decisions,
    around_graphql: Callable[[ASGIApp], ASGIApp] | None = None,
) -> Starlette:
    """Build the hub.

    ``manage_orm=False`` leaves opening the database to the caller (tests open it once for
    a whole session); the lifespan still loads the policies. ``rate_limiter`` replaces the
    one the settings name (tests give one their own clock). ``decisions`` and
    ``around_graphql`` let a benchmark build the same app with access control off and a
    statement counter around the GraphQL endpoint (scripts/bench_lib/hub_server.py).
    """
    settings = settings or Settings()
    settings.check()
    setup_telemetry(settings)
    access = AccessControl(settings.policy_model)
    watcher = PolicyWatcher(access, settings.policy_poll_seconds, settings.database_url)
    links = LinkWatcher(
        settings.federation_name, settings.federation_poll_seconds, settings.database_url, access
    )
    oidc = OidcVerifier(settings.oidc) if settings.oidc else None
    live = Live(settings, access, oidc, listen_dsn(settings.database_url))

    probe = DatabaseProbe(listen_dsn(settings.database_url))

    async def healthz(request: Request) -> JSONResponse:
        if pool_stuck(probe):
            return JSONResponse({"status": "stuck", "checks": {"pool": False}}, status_code=503)
        return JSONResponse({"status": "ok"})

    unreachable = OutageLog(log, "readiness: database unreachable")

    async def readyz(request: Request) -> JSONResponse:
        checks = {"database": await probe.check(), "pool": pool_serves(), "policies": access.loaded}
        if checks["database"]:
            unreachable.succeeded()
        else:
            unreachable.failed()
        ready = all(checks.values())
        return JSONResponse(
            # Live updates are not a condition of readiness: without them queries still work.
            {
                "status": "ready" if ready else "unavailable",
                "checks": checks,
                "live": live.state(),
                "connections": pool_counts(),
            },
            status_code=200 if ready else 503,
        )

    def authenticated(endpoint: ASGIApp) -> ASGIApp:
        """``endpoint`` behind authentication and the tenant's resolution."""
        return DatabaseUnavailableMiddleware(
            AuthenticationMiddleware(
                TenantMiddleware(endpoint, access, decisions), settings.secret_key, oidc
            )
        )

    view = HubGraphQL(settings, live)
    graphql = authenticated(view)
    if around_graphql is not None:
        graphql = around_graphql(graphql)
    # From the outside in: CORS answers preflights (they carry no token) and adds its headers
    # to every answer, refusals included, or a browser hides them from the front end. Metrics
    # then count what is refused below. The cross-site check and the rate limits come before
    # authentication because finding a token's user may query the database, and a refused
    # request must cost nothing; the cross-site check first, so that a page of another site
    # cannot spend a user's budget. WebSocket handshakes go through both, like requests.
    per_token = settings.effective_rate_limit_per_token
    per_ip = settings.effective_rate_limit_per_ip
    limiter = (rate_limiter or build_limiter(settings)) if per_token or per_ip else None
    if limiter is not None:
        graphql = RateLimitMiddleware(graphql, limiter, per_token=per_token, per_ip=per_ip)
    if settings.effective_csrf_check:
        graphql = CrossSiteMiddleware(graphql, settings.allowed_origins)
    if metrics_enabled():
        graphql = RequestMetricsMiddleware(graphql)
    graphql, ide_routes = with_ide(graphql, settings)
    if settings.secret_key == DEFAULT_SECRET_KEY:
        graphql = LoopbackOnlyMiddleware(graphql)
    if settings.max_requests_in_flight:
        graphql = LoadSheddingMiddleware(graphql, settings.max_requests_in_flight)
    graphql = CorsMiddleware(
        AllowedMethodsMiddleware(CancelledRequestMiddleware(graphql)), settings.allowed_origins
    )

    def download(endpoint: ASGIApp) -> ASGIApp:
        """An endpoint of files (exports, the calendar) behind the GraphQL endpoint's
        authentication, rate limits, loopback rule and CORS. No cross-site check: a token
        comes in a header or (the calendar's) the URL, never in a cookie."""
        guarded = authenticated(endpoint)
        if limiter is not None:
            guarded = RateLimitMiddleware(guarded, limiter, per_token=per_token, per_ip=per_ip)
        if settings.secret_key == DEFAULT_SECRET_KEY:
            guarded = LoopbackOnlyMiddleware(guarded)
        return CorsMiddleware(CancelledRequestMiddleware(guarded), settings.allowed_origins)

    downloads = download(ExportEndpoint(settings))
    # The token a calendar program puts in the URL is moved into the header first, so that
    # the rate limits count it as the token it is.
    feed = TokenInQuery(download(CalendarEndpoint(settings)))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            # Cached users and tenants hold for one database: start and end without them.
            opened_another()
            stack.callback(opened_another)
            if manage_orm:
                ensure_sqlite_directory(settings.database_url)
                config = tortoise_config(settings.database_url, WaitBounds.of(settings))
                await stack.enter_async_context(RegisterTortoise(app, config=config))
                await refuse_pending_migrations(settings.database_url)
            watch_pool("default", Tortoise.get_connection("default"))
            stack.callback(unwatch_pool, "default")
            await access.load()
            await stack.enter_async_context(watcher.running())
            await stack.enter_async_context(links.running())
            if limiter is not None:
                stack.push_async_callback(limiter.close)
            await stack.enter_async_context(live.running())
            stack.push_async_callback(probe.close)
            if settings.freeze_heap:
                heap.freeze()
                stack.callback(heap.unfreeze)
            yield
        if oidc is not None:
            await oidc.close()
        shutdown_telemetry()

    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            # Every method reaches the stack: CorsMiddleware answers OPTIONS, and the view
            # answers any other method but GET and POST with a GraphQL 405.
            Route("/graphql", graphql),
            Route("/t/{tenant}/graphql", graphql),
            Route("/export/{file}", downloads),
            Route("/t/{tenant}/export/{file}", downloads),
            Route("/calendar.ics", feed),
            Route("/t/{tenant}/calendar.ics", feed),
            WebSocketRoute("/graphql", graphql),
            WebSocketRoute("/t/{tenant}/graphql", graphql),
            *ide_routes,
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.access = access
    app.state.graphql = view
    app.state.policy_watcher = watcher
    app.state.rate_limiter = limiter
    app.state.live = live
    # Health and readiness checks come every few seconds from the orchestrator: tracing them
    # would bury the requests.
    app.add_middleware(RequestSpanMiddleware, routes=app.routes, untraced=("/healthz", "/readyz"))
    app.add_middleware(RequestLogMiddleware)
    return app
