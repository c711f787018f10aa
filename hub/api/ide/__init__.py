"""GraphiQL, served by the hub itself in development (see ``middleware``)."""

from __future__ import annotations

from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from hub.api.ide.assets import ASSET_ROUTE, IdeAssets
from hub.api.ide.middleware import GraphiQLMiddleware
from hub.core.config import Settings


def with_ide(endpoint: ASGIApp, settings: Settings) -> tuple[ASGIApp, list[BaseRoute]]:
    """In development, the GraphQL ``endpoint`` with GraphiQL in front of it and the route
    of GraphiQL's files; in production, the endpoint alone and no route."""
    if settings.is_production:
        return endpoint, []
    assets = IdeAssets()
    return (
        GraphiQLMiddleware(endpoint, settings, assets),
        [Route(ASSET_ROUTE, assets.endpoint, methods=["GET"])],
    )
