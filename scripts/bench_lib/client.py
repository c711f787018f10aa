"""The load client: one process, a fixed number of connections per server, a fixed duration.

Run by the benchmark as ``python -m bench_lib.client`` with a JSON job as its argument;
prints a JSON list of results, one per URL, in their order. It only ever sends to the
loopback addresses it is given, and stops by itself when the time is up.

    {"urls": ["http://127.0.0.1:PORT/graphql", ...], "headers": {...}, "body": "...",
     "concurrency": 16, "warmup": 1.0, "duration": 10.0}

With several servers, each connection sends to them in turn, one request each: every server
answers as many requests, at the same moments, from the same client. Driven by connections
of their own, the faster of two servers would draw more requests, answer each with less CPU
(more of them per turn of its event loop) and so seem faster still.
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


@dataclass
class Target:
    url: str
    session: aiohttp.ClientSession
    tally: Tally = field(default_factory=Tally)


async def _worker(
    targets: list[Target],
    first: int,
    job: dict[str, Any],
    measure_from: float,
    stop_at: float,
) -> None:
    body = job["body"].encode()
    headers = job["headers"]
    turn = first
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            return
        target = targets[turn % len(targets)]
        turn += 1
        session, url, tally = target.session, target.url, target.tally
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


def _figures(tally: Tally, duration: float) -> dict[str, Any]:
    latencies = sorted(tally.latencies)
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


async def run(job: dict[str, Any]) -> list[dict[str, Any]]:
    urls: list[str] = job["urls"]
    for url in urls:
        host = urlsplit(url).netloc
        if not host.startswith(LOOPBACK):
            raise SystemExit(f"refusing to send load to {host}: loopback addresses only")
    concurrency = int(job["concurrency"])
    timeout = aiohttp.ClientTimeout(total=30)
    targets = [
        Target(
            url,
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=concurrency), timeout=timeout
            ),
        )
        for url in urls
    ]
    try:
        now = time.perf_counter()
        measure_from = now + float(job["warmup"])
        stop_at = measure_from + float(job["duration"])
        workers = concurrency * len(targets)
        await asyncio.gather(
            *(_worker(targets, i, job, measure_from, stop_at) for i in range(workers))
        )
    finally:
        for target in targets:
            await target.session.close()
    return [_figures(target.tally, float(job["duration"])) for target in targets]


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
