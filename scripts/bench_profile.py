"""Where the headline query's time goes: pyinstrument over the hub in one process.

    ./scripts/bench profile [--requests 300] [--no-result-cache] [--html bench-results/profile.html]
    ./scripts/bench profile --first-visits [--requests 300]

With ``--first-visits`` each request comes from another caller of the national tenants,
its first: what the hub does for a caller it has not seen.

It generates the benchmark dataset (scale 1, seed 1) in a database of its own, sends the
headline query through the real ASGI app (no network) under the profiler, prints the call
tree and drops the database.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx
from bench_lib import dataset, operations, servers
from pyinstrument import Profiler

from hub.app import create_app
from hub.auth.tokens import issue_dev_token
from hub.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent


async def _callers(dsn: str, count: int) -> list[tuple[str, str]]:
    """(email, tenant slug) of ``count`` callers of the national tenants, spread over them."""
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT u.email, t.slug FROM hub_user u JOIN tenant t ON t.id = u.home_tenant_id "
            "WHERE t.level = 'national' ORDER BY md5(u.email) LIMIT $1",
            count,
        )
    finally:
        await connection.close()
    return [(row["email"], row["slug"]) for row in rows]


async def profile(
    data: dataset.Dataset, requests: int, result_cache: bool, first_visits: bool = False
) -> Profiler:
    settings = Settings(
        database_url=data.dsn,
        secret_key=servers.BENCH_SECRET,
        policy_poll_seconds=0,
        result_cache_entries=2000 if result_cache else 0,
    )
    app = create_app(settings)
    token = issue_dev_token(servers.BENCH_SECRET, data.member_email, None, timedelta(hours=1))
    headers = {"Authorization": f"Bearer {token}", "X-Hub-Tenant": data.tenant_slug}
    body = {"query": operations.HEADLINE}
    profiler = Profiler(async_mode="enabled")
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://b") as http,
    ):
        for _ in range(20):
            (await http.post("/graphql", json=body, headers=headers)).raise_for_status()
        visitors = await _callers(data.dsn, requests) if first_visits else []
        profiler.start()
        for number in range(requests):
            if first_visits:
                email, slug = visitors[number % len(visitors)]
                token = issue_dev_token(servers.BENCH_SECRET, email, None, timedelta(hours=1))
                headers = {"Authorization": f"Bearer {token}", "X-Hub-Tenant": slug}
            reply = await http.post("/graphql", json=body, headers=headers)
            if reply.status_code != 200 or "errors" in reply.json():
                raise RuntimeError(f"the headline query failed: {reply.text[:500]}")
        profiler.stop()
    return profiler


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "HUB_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--no-result-cache",
        action="store_true",
        help="execute every request instead of answering repeats from the result cache",
    )
    parser.add_argument("--html", type=Path, default=None, help="also write an HTML report")
    parser.add_argument(
        "--first-visits",
        action="store_true",
        help="each request from another caller, its first (the result cache off)",
    )
    args = parser.parse_args()
    if not 1 <= args.requests <= 100_000:
        parser.error("--requests must be between 1 and 100,000")
    name = f"hub_bench_profile_{os.getpid()}"
    data = asyncio.run(
        dataset.generate(args.postgres, name, dataset.Scale(), 1, lambda m: print(f"  {m}"))
    )
    try:
        cached = not (args.no_result_cache or args.first_visits)
        profiler = asyncio.run(profile(data, args.requests, cached, args.first_visits))
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        asyncio.run(dataset.drop_database(args.postgres, name))
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html is not None:
        args.html.parent.mkdir(parents=True, exist_ok=True)
        args.html.write_text(profiler.output_html())
        print(f"written: {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
