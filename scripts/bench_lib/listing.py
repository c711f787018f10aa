"""List latency as one tenant's rows grow: 10,000 against 1,000,000 proposals.

Two national tenants of the generated network get that many proposals each (written by
PostgreSQL itself from ``generate_series``, ids derived from the seed). The hub is then asked,
one request at a time, for the first page, for a page in the middle (by keyset cursor), and
for the first page with its ``totalCount``; and PostgreSQL is asked for the plan of the
statement that reads a page, to check that an index serves it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg

from bench_lib import servers
from bench_lib.load import Load, drive, request_once
from hub.auth.tokens import issue_dev_token

PAGE = """
query Page($after: String) {
  proposals(first: 20, after: $after) { edges { node { id title } } }
}
"""
COUNTED = """
query Counted { proposals(first: 20) { totalCount edges { node { id title } } } }
"""
# The statement the hub sends for a page (newest first, after a cursor), written out by
# hand for EXPLAIN: a national tenant has no tenant below it, so its scope is one tenant id;
# the keyset condition with its redundant range on the sort key.
PAGE_SQL = """
SELECT p.id, p.title FROM proposal p
WHERE p.tenant_id = $1 AND p.archived_at IS NULL AND p.submitted_at <= $2
  AND (p.submitted_at < $2 OR (p.submitted_at = $2 AND p.id < $3))
ORDER BY p.submitted_at DESC, p.id DESC LIMIT 21
"""
FILL = """
INSERT INTO proposal (id, target, scope, title, body, themes, status, response_note,
    classification, submitted_at, updated_at, archived_at, organisation_id, tenant_id,
    work_stream_id, language, search_text, translations)
SELECT md5($1 || ':' || g)::uuid, 'work_stream', 'thematic', 'Bulk proposal ' || g, '',
    '[]'::jsonb, 'submitted', '', 'network',
    timestamptz '2020-01-01' + g * interval '1 second', now(), NULL, $2, $3, $4, 'en', '',
    '{}'::jsonb
FROM generate_series(1, $5) AS g
"""


@dataclass(frozen=True)
class Tenant:
    slug: str
    path: str
    id: Any
    rows: int


def _cursor(submitted_at: Any, pk: Any) -> str:
    """A keyset cursor as the hub writes them (``hub.core.pagination.encode_cursor``)."""
    payload = ["submitted_at", {"dt": submitted_at.isoformat()}, str(pk)]
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


async def fill(dsn: str, sizes: list[int], seed: int) -> list[Tenant]:
    """Tenants holding exactly ``sizes`` proposals, beside the benchmark's own tenant."""
    connection = await asyncpg.connect(dsn)
    try:
        candidates = await connection.fetch(
            "SELECT id, slug, path FROM tenant WHERE level = 'national' ORDER BY slug OFFSET 1"
        )
        chosen = []
        for row, size in zip(candidates, sizes, strict=False):
            await connection.execute(
                "DELETE FROM theme_tag WHERE subject = 'proposal' AND tenant_id = $1", row["id"]
            )
            await connection.execute("DELETE FROM proposal WHERE tenant_id = $1", row["id"])
            organisation = await connection.fetchval(
                "SELECT id FROM organisation WHERE tenant_id = $1 LIMIT 1", row["id"]
            )
            stream = await connection.fetchval(
                "SELECT id FROM work_stream WHERE tenant_id = $1 LIMIT 1", row["id"]
            )
            await connection.execute(
                FILL, f"{seed}:{row['slug']}", organisation, row["id"], stream, size
            )
            chosen.append(Tenant(row["slug"], row["path"], row["id"], size))
        await connection.execute("ANALYZE proposal")
        return chosen
    finally:
        await connection.close()


async def _middle(dsn: str, tenant: Tenant) -> tuple[Any, Any, list[str]]:
    """The row in the middle of the tenant's list, and the plan of reading the page
    after it."""
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            "SELECT submitted_at, id FROM proposal WHERE tenant_id = $1 "
            "ORDER BY submitted_at DESC, id DESC OFFSET $2 LIMIT 1",
            tenant.id,
            tenant.rows // 2,
        )
        plan = await connection.fetch(
            "EXPLAIN " + PAGE_SQL, tenant.id, row["submitted_at"], row["id"]
        )
        return row["submitted_at"], row["id"], [str(line[0]) for line in plan]
    finally:
        await connection.close()


async def measure(
    dsn: str, tenants: list[Tenant], workers: int, pool: int, seconds: float
) -> dict[str, Any]:
    load = Load(concurrency=1, warmup=min(1.0, seconds / 3), duration=seconds)
    results: list[dict[str, Any]] = []
    # The load repeats each request: with the result cache on it would time cached answers.
    with servers.hub(dsn, workers, False, pool, cache_off=True) as server:
        for tenant in tenants:
            email = f"member@{tenant.slug}.bench.example.org"
            token = issue_dev_token(servers.BENCH_SECRET, email, None, timedelta(hours=1))
            headers = {
                "Authorization": f"Bearer {token}",
                "X-Hub-Tenant": tenant.slug,
                "Content-Type": "application/json",
            }
            submitted_at, pk, plan = await _middle(dsn, tenant)
            cases = {
                "first page": {"query": PAGE, "variables": {}},
                "middle page": {"query": PAGE, "variables": {"after": _cursor(submitted_at, pk)}},
                "first page + totalCount": {"query": COUNTED, "variables": {}},
            }
            for case, document in cases.items():
                body = json.dumps(document).encode()
                answer, statements = request_once(server.url, body, headers)
                assert len(answer["data"]["proposals"]["edges"]) == 20, answer
                figures = drive(server, body, headers, load)
                results.append(
                    {"rows": tenant.rows, "case": case, "statements": statements, **figures}
                )
            # Flat latency needs the page read through the index from the cursor.
            results.append(
                {
                    "rows": tenant.rows,
                    "case": "plan",
                    "in_index_order": _verdict(plan),
                    "plan": plan,
                }
            )
    return {"results": results, "lines": _lines(results)}


def _verdict(plan: list[str]) -> str:
    """How the page's rows were reached, in words, from its plan."""
    if any("Seq Scan" in line or "Bitmap" in line for line in plan):
        return "every row of the tenant read, then sorted"
    if any(
        "Sort" in line and "Incremental Sort" not in line and "Sort Key" not in line
        for line in plan
    ):
        return "rows from the cursor on read through the index, then sorted"
    return "read in index order from the cursor"


def _lines(results: list[dict[str, Any]]) -> list[str]:
    timed = [r for r in results if r["case"] != "plan"]
    sizes = sorted({r["rows"] for r in timed})
    lines = [
        "One request at a time, p50 latency in ms (SQL statements per request):",
        "",
        "| case | " + " | ".join(f"{n:,} rows" for n in sizes) + " | ratio |",
        "|---|" + "---:|" * (len(sizes) + 1),
    ]
    for case in dict.fromkeys(r["case"] for r in timed):
        by_size = {r["rows"]: r for r in timed if r["case"] == case}
        cells = [f"{by_size[n]['p50_ms']:.1f} ({by_size[n]['statements']})" for n in sizes]
        ratio = by_size[sizes[-1]]["p50_ms"] / by_size[sizes[0]]["p50_ms"]
        lines.append(f"| {case} | " + " | ".join(cells) + f" | {ratio:.2f} |")
    for r in results:
        if r["case"] == "plan":
            verdict = r["in_index_order"]
            if isinstance(verdict, bool):  # results written before the verdict had words
                verdict = "read in index order" if verdict else "read whole and sorted"
            lines.append("")
            lines.append(f"Plan of a middle page at {r['rows']:,} rows ({verdict}):")
            lines.append("")
            lines += ["    " + line for line in r["plan"]]
    return lines
