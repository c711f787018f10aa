"""The load client: one process, a fixed number of connections per server, a fixed duration.

Run by the benchmark as ``python -m bench_lib.client`` with a JSON job as its argument or,
without one, on its standard input (a job of thousands of callers is too long for an argument);
prints a JSON list of results, one per URL, in their order. It only ever sends to the
loopback addresses it is given, and stops by itself when the time is up.

    {"urls": ["http://127.0.0.1:PORT/graphql", ...], "headers": {...}, "body": "...",
     "concurrency": 16, "warmup": 1.0, "duration": 10.0, "plan": {...}}

Without a plan every request is the same. A plan says how each connection varies them:

    {"kind": "rotate", "requests": [{"headers": {...}, "body": "..."}, ...]}
        the requests in turn (one per caller, say), the connections together round-robin;
    {"kind": "mix", "reads": [...], "writes": [...], "write_share": 0.05, "seed": 1}
        reads in turn, and a write instead with the given chance (seeded per connection);
    {"kind": "walk", "headers": {...}, "query": "...", "variables": {...},
     "operation_name": null, "connection": ["data", "proposals"], "seed": 1, "pages": 20}
        cursor walks: a first page of a random size between 1 and 100, then the page after
        each answer's ``pageInfo.endCursor`` at another random size, until the list ends or
        ``pages`` pages; then a fresh walk.

With several servers, each connection sends to them in turn, one request each: every server
answers as many requests, at the same moments, from the same client. Driven by connections
of their own, the faster of two servers would draw more requests, answer each with less CPU
(more of them per turn of its event loop) and so seem faster still.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Protocol
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


Request = tuple[dict[str, str], bytes]

MAX_PAGE = 100


class Requests(Protocol):
    """What one connection sends next, and what it learns from each answer."""

    def next(self) -> Request: ...

    def seen(self, status: int, payload: bytes) -> None: ...


class Same:
    def __init__(self, headers: dict[str, str], body: bytes) -> None:
        self.request = (headers, body)

    def next(self) -> Request:
        return self.request

    def seen(self, status: int, payload: bytes) -> None:
        pass


def _requests(entries: list[dict[str, Any]]) -> list[Request]:
    return [(entry["headers"], entry["body"].encode()) for entry in entries]


class Rotation:
    """Connection ``worker`` of ``workers`` sends requests ``worker``, ``worker + workers``,
    ...: together the connections go round all of them, none sent twice in a row."""

    def __init__(self, requests: list[Request], worker: int, workers: int) -> None:
        self.requests = requests
        self.turn = worker % len(requests)
        self.step = workers

    def next(self) -> Request:
        request = self.requests[self.turn]
        self.turn = (self.turn + self.step) % len(self.requests)
        return request

    def seen(self, status: int, payload: bytes) -> None:
        pass


class Mix:
    """Reads in rotation, a write instead with chance ``share``."""

    def __init__(self, reads: Rotation, writes: Rotation, share: float, seed: str) -> None:
        self.reads, self.writes, self.share = reads, writes, share
        self.rng = random.Random(seed)

    def next(self) -> Request:
        return self.writes.next() if self.rng.random() < self.share else self.reads.next()

    def seen(self, status: int, payload: bytes) -> None:
        pass


class Walk:
    """Cursor walks through one list, each page of a random size."""

    def __init__(
        self,
        headers: dict[str, str],
        query: str,
        variables: dict[str, Any],
        connection: list[str],
        seed: str,
        pages: int,
        operation_name: str | None = None,
    ) -> None:
        self.headers, self.query, self.variables = headers, query, variables
        self.operation_name = operation_name
        self.connection, self.pages = connection, pages
        self.rng = random.Random(seed)
        self.cursor: str | None = None
        self.walked = 0

    def next(self) -> Request:
        variables = {**self.variables, "first": self.rng.randint(1, MAX_PAGE)}
        if self.cursor is not None:
            variables["after"] = self.cursor
        body: dict[str, Any] = {"query": self.query, "variables": variables}
        if self.operation_name:
            body["operationName"] = self.operation_name
        return self.headers, json.dumps(body).encode()

    def seen(self, status: int, payload: bytes) -> None:
        self.walked += 1
        self.cursor = None if self.walked >= self.pages else end_cursor(payload, self.connection)
        if self.cursor is None:
            self.walked = 0


def end_cursor(payload: bytes, connection: list[str]) -> str | None:
    """The cursor to go on from, or None when the list ended or the answer is not a page."""
    try:
        found: Any = json.loads(payload)
        for key in connection:
            found = found[key]
        info = found["pageInfo"]
    except (ValueError, KeyError, TypeError):
        return None
    return str(info["endCursor"]) if info.get("hasNextPage") and info.get("endCursor") else None


def requests_of(job: dict[str, Any], worker: int, workers: int) -> Requests:
    """What connection ``worker`` of ``workers`` sends, by the job's plan."""
    plan = job.get("plan")
    if plan is None:
        return Same(job["headers"], job["body"].encode())
    seed = f"{plan.get('seed', 1)}:{worker}"
    if plan["kind"] == "rotate":
        return Rotation(_requests(plan["requests"]), worker, workers)
    if plan["kind"] == "mix":
        reads = Rotation(_requests(plan["reads"]), worker, workers)
        writes = Rotation(_requests(plan["writes"]), worker, workers)
        return Mix(reads, writes, float(plan["write_share"]), seed)
    if plan["kind"] == "walk":
        return Walk(
            plan["headers"],
            plan["query"],
            plan.get("variables", {}),
            plan["connection"],
            seed,
            int(plan["pages"]),
            plan.get("operation_name"),
        )
    raise SystemExit(f"unknown plan: {plan['kind']}")


@dataclass
class Target:
    url: str
    session: aiohttp.ClientSession
    tally: Tally = field(default_factory=Tally)


async def _worker(
    targets: list[Target],
    first: int,
    requests: Requests,
    measure_from: float,
    stop_at: float,
) -> None:
    turn = first
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            return
        target = targets[turn % len(targets)]
        turn += 1
        session, url, tally = target.session, target.url, target.tally
        headers, body = requests.next()
        try:
            async with session.post(url, data=body, headers=headers) as reply:
                payload = await reply.read()
                status = reply.status
                counted = reply.headers.get(STATEMENTS_HEADER)
        except aiohttp.ClientError as exc:
            status, payload, counted = 0, str(exc).encode(), None
        finished = time.perf_counter()
        requests.seen(status, payload)
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
            *(
                _worker(targets, i, requests_of(job, i, workers), measure_from, stop_at)
                for i in range(workers)
            )
        )
    finally:
        for target in targets:
            await target.session.close()
    return [_figures(target.tally, float(job["duration"])) for target in targets]


def main() -> None:
    job = json.loads(sys.argv[1]) if len(sys.argv) > 1 else json.load(sys.stdin)
    try:
        import uvloop
    except ImportError:  # asyncio's own loop then, only slower
        print(json.dumps(asyncio.run(run(job))))
    else:
        print(json.dumps(uvloop.run(run(job))))


if __name__ == "__main__":
    main()
