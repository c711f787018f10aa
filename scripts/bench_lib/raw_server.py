"""The hand-written baseline of the headline query: Starlette and asyncpg, two SQL
statements, JSON built by hand. No authentication, no access control, no GraphQL: the floor
that the hub's overhead is measured against.

    BENCH_RAW_DSN=postgres://... BENCH_RAW_TENANT=<tenant id> \\
        uvicorn bench_lib.raw_server:app --port PORT
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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
    await request.body()
    tenant = UUID(os.environ["BENCH_RAW_TENANT"])
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
    body = json.dumps({"data": {"workStreams": {"edges": edges}}}).encode()
    return Response(body, media_type="application/json")


async def healthz(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(
    routes=[Route("/graphql", graphql, methods=["POST"]), Route("/healthz", healthz)],
    lifespan=lifespan,
)
