"""The hand-written baseline of the headline query: Starlette and asyncpg, two SQL
statements, JSON built by hand. No authentication, no access control, no GraphQL: the floor
that the hub's overhead is measured against.

The request's ``operationName`` picks what it answers: the headline query (the default),
``Page`` (a page of the tenant's proposals, newest first, after a keyset cursor) or
``UpdateWorkStream`` (a new title). A ``tenant`` variable names the tenant, else
``BENCH_RAW_TENANT`` does; the benchmark's other variables keep their GraphQL names.

    BENCH_RAW_DSN=postgres://... BENCH_RAW_TENANT=<tenant id> \\
        uvicorn bench_lib.raw_server:app --port PORT
"""

from __future__ import annotations

import base64
import json
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

WORK_STREAMS = """
SELECT id, title FROM work_stream
WHERE tenant_id = $1 AND archived_at IS NULL
ORDER BY created_at, id LIMIT $2
"""
# The first five proposals of each work stream, with the index on (work_stream_id,
# submitted_at) doing the work.
PROPOSALS = """
SELECT w.id AS work_stream_id, p.id, p.title
FROM unnest($1::uuid[]) AS w(id)
CROSS JOIN LATERAL (
    SELECT id, title FROM proposal
    WHERE work_stream_id = w.id AND archived_at IS NULL
    ORDER BY submitted_at, id LIMIT $2
) AS p
"""

PAGE = """
SELECT id, title, submitted_at FROM proposal
WHERE tenant_id = $1 AND archived_at IS NULL
ORDER BY submitted_at DESC, id DESC LIMIT $2
"""
PAGE_AFTER = """
SELECT id, title, submitted_at FROM proposal
WHERE tenant_id = $1 AND archived_at IS NULL AND submitted_at <= $3
  AND (submitted_at < $3 OR (submitted_at = $3 AND id < $4))
ORDER BY submitted_at DESC, id DESC LIMIT $2
"""
UPDATE = """
UPDATE work_stream SET title = $3, updated_at = now()
WHERE id = $1 AND tenant_id = $2 RETURNING id, title
"""

pool: Any = None


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    global pool
    pool = await asyncpg.create_pool(os.environ["BENCH_RAW_DSN"], min_size=2, max_size=10)
    try:
        yield
    finally:
        await pool.close()


async def graphql(request: Request) -> Response:
    document = json.loads(await request.body() or b"{}")
    variables = document.get("variables") or {}
    tenant = UUID(variables.get("tenant") or os.environ["BENCH_RAW_TENANT"])
    name = document.get("operationName")
    if name == "Page":
        data = await _page(tenant, int(variables.get("first") or 20), variables.get("after"))
    elif name == "UpdateWorkStream":
        data = await _update(tenant, UUID(variables["id"]), str(variables["title"]))
    else:
        data = await _headline(tenant)
    return Response(json.dumps({"data": data}).encode(), media_type="application/json")


def _cursor(row: Any) -> str:
    return base64.urlsafe_b64encode(
        f"{row['submitted_at'].isoformat()}|{row['id']}".encode()
    ).decode()


async def _page(tenant: UUID, first: int, after: str | None) -> dict[str, Any]:
    async with pool.acquire() as connection:
        if after:
            at, pk = base64.urlsafe_b64decode(after).decode().split("|")
            moment = datetime.fromisoformat(at)
            rows = await connection.fetch(PAGE_AFTER, tenant, first + 1, moment, UUID(pk))
        else:
            rows = await connection.fetch(PAGE, tenant, first + 1)
    page = rows[:first]
    return {
        "proposals": {
            "edges": [{"node": {"id": str(row["id"]), "title": row["title"]}} for row in page],
            "pageInfo": {
                "hasNextPage": len(rows) > first,
                "endCursor": _cursor(page[-1]) if page else None,
            },
        }
    }


async def _update(tenant: UUID, work_stream: UUID, title: str) -> dict[str, Any]:
    async with pool.acquire() as connection:
        row = await connection.fetchrow(UPDATE, work_stream, tenant, title)
    node = None if row is None else {"id": str(row["id"]), "title": row["title"]}
    return {"updateWorkStream": {"workStream": node}}


async def _headline(tenant: UUID) -> dict[str, Any]:
    async with pool.acquire() as connection:
        streams = await connection.fetch(WORK_STREAMS, tenant, 20)
        proposals = await connection.fetch(PROPOSALS, [row["id"] for row in streams], 5)
    grouped: dict[UUID, list[dict[str, str]]] = defaultdict(list)
    for row in proposals:
        grouped[row["work_stream_id"]].append({"id": str(row["id"]), "title": row["title"]})
    edges = [
        {
            "node": {
                "id": str(row["id"]),
                "title": row["title"],
                "proposals": {"edges": [{"node": p} for p in grouped[row["id"]]]},
            }
        }
        for row in streams
    ]
    return {"workStreams": {"edges": edges}}


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(
    routes=[Route("/graphql", graphql, methods=["POST"]), Route("/healthz", healthz)],
    lifespan=lifespan,
)
