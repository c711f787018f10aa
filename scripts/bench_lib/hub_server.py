"""The hub as the benchmark serves it: the production app and, by the switches below,
statement counts in a header and access control off.

    BENCH_COUNT_STATEMENTS=true BENCH_ACCESS_OFF=false \\
        uvicorn --factory bench_lib.hub_server:create_app   (with scripts/ on PYTHONPATH)

The settings are the hub's own (``HUB_*``); the switches are read here only.
"""

from __future__ import annotations

import os

from starlette.applications import Starlette

from bench_lib.switches import StatementCountMiddleware, UnrestrictedDecisions, count_statements
from hub.access.decisions import Decisions
from hub.app import create_app as create_hub_app
from hub.core.config import Settings


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
    return create_hub_app(
        settings,
        manage_orm=manage_orm,
        decisions=decisions,
        around_graphql=StatementCountMiddleware if count else None,
    )


def create_app() -> Starlette:
    return build(count=_switch("BENCH_COUNT_STATEMENTS"), access_off=_switch("BENCH_ACCESS_OFF"))
