"""The ASGI application."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.types import ASGIApp
from tortoise import Tortoise
from tortoise.contrib.starlette import RegisterTortoise

from hub.access.enforcer import AccessControl
from hub.access.watcher import PolicyWatcher, listen_dsn
from hub.auth.middleware import AuthenticationMiddleware
from hub.auth.oidc import OidcVerifier
from hub.config import Settings
from hub.db import ensure_sqlite_directory, tortoise_config
from hub.graphql.view import HubGraphQL
from hub.live.sessions import Live
from hub.logs import RequestLogMiddleware
from hub.metrics import RequestMetricsMiddleware, metrics_enabled, unwatch_pool, watch_pool
from hub.migration_check import refuse_pending_migrations
from hub.telemetry import RequestSpanMiddleware, setup_telemetry, shutdown_telemetry
from hub.tenancy.middleware import TenantMiddleware
from hub.unavailable import DatabaseUnavailableMiddleware

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, manage_orm: bool = True) -> Starlette:
    """Build the hub.

    ``manage_orm=False`` leaves opening the database to the caller (tests open it once for
    a whole session); the lifespan still loads the policies.
    """
    settings = settings or Settings()
    settings.check()
    setup_telemetry(settings)
    access = AccessControl(settings.policy_model)
    watcher = PolicyWatcher(access, settings.policy_poll_seconds, settings.database_url)
    oidc = OidcVerifier(settings.oidc) if settings.oidc else None
    live = Live(settings, access, oidc, listen_dsn(settings.database_url))

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        checks = {"database": False, "policies": access.loaded}
        try:
            await Tortoise.get_connection("default").execute_query("SELECT 1")
            checks["database"] = True
        except Exception:  # any failure means "not ready"; the reason goes to the log
            log.warning("readiness: database unreachable", exc_info=True)
        ready = all(checks.values())
        return JSONResponse(
            # Live updates are not a condition of readiness: without them queries still work.
            {"status": "ready" if ready else "unavailable", "checks": checks, "live": live.state()},
            status_code=200 if ready else 503,
        )

    graphql: ASGIApp = DatabaseUnavailableMiddleware(
        AuthenticationMiddleware(
            TenantMiddleware(HubGraphQL(settings, live), access), settings.secret_key, oidc
        )
    )
    if metrics_enabled():
        graphql = RequestMetricsMiddleware(graphql)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with contextlib.AsyncExitStack() as stack:
            if manage_orm:
                ensure_sqlite_directory(settings.database_url)
                config = tortoise_config(settings.database_url)
                await stack.enter_async_context(RegisterTortoise(app, config=config))
                await refuse_pending_migrations(settings.database_url)
            watch_pool("default", Tortoise.get_connection("default"))
            stack.callback(unwatch_pool, "default")
            await access.load()
            await stack.enter_async_context(watcher.running())
            await stack.enter_async_context(live.running())
            yield
        if oidc is not None:
            await oidc.close()
        shutdown_telemetry()

    app = Starlette(
        routes=[
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/t/{tenant}/graphql", graphql, methods=["GET", "POST"]),
            WebSocketRoute("/graphql", graphql),
            WebSocketRoute("/t/{tenant}/graphql", graphql),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.access = access
    app.state.policy_watcher = watcher
    app.state.live = live
    app.add_middleware(RequestSpanMiddleware)
    app.add_middleware(RequestLogMiddleware)
    return app
