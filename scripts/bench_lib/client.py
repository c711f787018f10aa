"""The load client: one process, a fixed number of connections, a fixed duration.

Run by the benchmark as ``python -m bench_lib.client`` with a JSON job as its argument;
prints the result as JSON. It only ever sends to the loopback address it is given, and stops
by itself when the time is up.

    {"url": "http://127.0.0.1:PORT/graphql", "headers": {...}, "body": "...",
     "concurrency": 16, "warmup": 1.0, "duration": 10.0}
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp

STATEMENTS_HEADER = "x-hub-sql-statements"
LOOPBACK = ("127.", "localhost", "[::1]", "::1")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    # Every answer, warm-up included: what the server's CPU time is divided by.
    answered: int = 0


async def _worker(
    session: aiohttp.ClientSession,
    job: dict[str, Any],
    measure_from: float,
    stop_at: float,
    tally: Tally,
) -> None:
    body = job["body"].encode()
    url, headers = job["url"], job["headers"]
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            return
        try:
            async with session.post(url, data=body, headers=headers) as reply:
                payload = await reply.read()
                status = reply.status
                counted = reply.headers.get(STATEMENTS_HEADER)
        except aiohttp.ClientError as exc:
            status, payload, counted = 0, str(exc).encode(), None
        finished = time.perf_counter()
        tally.answered += 1
        if started < measure_from:
            continue
        # A GraphQL error can come with a 200: any "errors" entry counts as a failure.
        if status != 200 or b'"errors"' in payload:
            tally.errors += 1
            if not tally.first_error:
                tally.first_error = f"{status}: {payload[:300]!r}"
        else:
            tally.latencies.append(finished - started)
            if counted is not None:
                tally.statements.append(int(counted))


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


async def run(job: dict[str, Any]) -> dict[str, Any]:
    host = urlsplit(job["url"]).netloc
    if not host.startswith(LOOPBACK):
        raise SystemExit(f"refusing to send load to {host}: loopback addresses only")
    concurrency = int(job["concurrency"])
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        now = time.perf_counter()
        measure_from = now + float(job["warmup"])
        stop_at = measure_from + float(job["duration"])
        await asyncio.gather(
            *(_worker(session, job, measure_from, stop_at, tally) for _ in range(concurrency))
        )
    latencies = sorted(tally.latencies)
    duration = float(job["duration"])
    return {
        "requests": len(latencies),
        "answered": tally.answered,
        "errors": tally.errors,
        "first_error": tally.first_error,
        "rps": len(latencies) / duration,
        "p50_ms": _percentile(latencies, 50) * 1000,
        "p95_ms": _percentile(latencies, 95) * 1000,
        "p99_ms": _percentile(latencies, 99) * 1000,
        "statements": statistics.mean(tally.statements) if tally.statements else None,
    }


def main() -> None:
    job = json.loads(sys.argv[1])
    try:
        import uvloop
    except ImportError:  # asyncio's own loop then, only slower
        print(json.dumps(asyncio.run(run(job))))
    else:
        print(json.dumps(uvloop.run(run(job))))


if __name__ == "__main__":
    main()
