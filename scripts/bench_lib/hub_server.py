"""The hub as the benchmark serves it: the production app and, by the switches below,
statement counts in a header and access control off.

    BENCH_COUNT_STATEMENTS=true BENCH_ACCESS_OFF=false \\
        uvicorn --factory bench_lib.hub_server:create_app   (with scripts/ on PYTHONPATH)

The settings are the hub's own (``HUB_*``); the switches are read here only. The
benchmark also reads the result cache's hits and misses from ``GET /bench/result-cache``
(this process's caches, summed), a route the production app does not have.
"""

from __future__ import annotations

import os
import weakref

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bench_lib.switches import StatementCountMiddleware, UnrestrictedDecisions, count_statements
from hub.access.decisions import Decisions
from hub.api import view as view_module
from hub.app import create_app as create_hub_app
from hub.core.config import Settings
from hub.results import cache as result_cache

CACHE_ROUTE = "/bench/result-cache"
_caches: weakref.WeakSet[result_cache.ResultCache] = weakref.WeakSet()


class CountedResultCache(result_cache.ResultCache):
    """The hub's result cache, remembered so that its hits and misses can be read."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        super().__init__(max_entries, max_bytes)
        _caches.add(self)


async def cache_counts(request: Request) -> JSONResponse:
    caches = list(_caches)
    return JSONResponse(
        {
            "hits": sum(cache.hits for cache in caches),
            "misses": sum(cache.misses for cache in caches),
            "entries": sum(len(cache) for cache in caches),
        }
    )


def _switch(name: str) -> bool:
    return os.environ.get(name, "false").strip().lower() in ("1", "true", "yes")


def build(
    settings: Settings | None = None,
    *,
    count: bool = False,
    access_off: bool = False,
    manage_orm: bool = True,
) -> Starlette:
    if count:
        count_statements()
    decisions: type[Decisions] = UnrestrictedDecisions if access_off else Decisions
    # The view builds its cache from the name it imported.
    view_module.ResultCache = CountedResultCache  # type: ignore[attr-defined]
    app = create_hub_app(
        settings,
        manage_orm=manage_orm,
        decisions=decisions,
        around_graphql=StatementCountMiddleware if count else None,
    )
    app.router.routes.insert(0, Route(CACHE_ROUTE, cache_counts, methods=["GET"]))
    return app


def create_app() -> Starlette:
    return build(count=_switch("BENCH_COUNT_STATEMENTS"), access_off=_switch("BENCH_ACCESS_OFF"))
