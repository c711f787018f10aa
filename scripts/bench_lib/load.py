"""Driving one server with one operation through the load client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from bench_lib.servers import SCRIPTS, Server, cpu_seconds_between, postgres_cpu_ticks


@dataclass(frozen=True)
class Load:
    concurrency: int
    warmup: float
    duration: float


class OperationFailed(Exception):
    """The server answered the operation with an error before any load was sent."""


def request_once(url: str, body: bytes, headers: dict[str, str]) -> tuple[dict[str, Any], int]:
    """One request; the answer and the statements it took (-1 when the server does not
    count them). Any error is an ``OperationFailed``: a benchmark of errors measures nothing."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            answer = json.loads(reply.read())
            statements = int(reply.headers.get("x-hub-sql-statements", "-1"))
    except urllib.error.HTTPError as exc:
        raise OperationFailed(f"{url} answered {exc.code}: {exc.read()[:500]!r}") from exc
    if answer.get("errors"):
        raise OperationFailed(f"{url} answered errors: {json.dumps(answer['errors'])[:500]}")
    return answer, statements


def drive(
    server: Server,
    body: bytes,
    headers: dict[str, str],
    load: Load,
    plan: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The load client, in its own process, against ``server``; its figures and the
    server's resident memory right after. A ``plan`` varies the requests (see
    ``bench_lib.client``); without one, ``body`` and ``headers`` are every request."""
    return drive_together([server], body, headers, load, plan)[0]


def drive_plan(server: Server, plan: dict[str, Any], load: Load) -> dict[str, Any]:
    """``drive`` with requests that vary by ``plan``."""
    return drive(server, b"", {}, load, plan)


def drive_together(
    servers: list[Server],
    body: bytes,
    headers: dict[str, str],
    load: Load,
    plan: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Every server driven at once by one load client, keeping ``load.concurrency`` requests
    in flight to each: whatever else the machine does meanwhile (its speed moves by a third
    from one second to the next) falls on every server alike, and so does the client's own
    pace.

    With more than one server, PostgreSQL's CPU cannot be told apart between them and is
    not given (``db_cpu_ms`` is None)."""
    env = {**os.environ, "PYTHONPATH": str(SCRIPTS)}
    job: dict[str, Any] = {
        "urls": [server.url for server in servers],
        "headers": headers,
        "body": body.decode(),
        "concurrency": load.concurrency,
        "warmup": load.warmup,
        "duration": load.duration,
    }
    if plan is not None:
        job["plan"] = plan
    server_cpu = [server.cpu_seconds() for server in servers]
    database_ticks = postgres_cpu_ticks()
    client = subprocess.run(
        [sys.executable, "-m", "bench_lib.client"],
        input=json.dumps(job).encode(),
        capture_output=True,
        env=env,
        cwd=SCRIPTS,
        timeout=load.warmup + load.duration + 120,
        check=False,
    )
    database_cpu = cpu_seconds_between(database_ticks, postgres_cpu_ticks())
    if client.returncode != 0:
        raise RuntimeError(f"the load client failed:\n{client.stderr.decode()[-3000:]}")
    results: list[dict[str, Any]] = json.loads(client.stdout)
    for server, before, figures in zip(servers, server_cpu, results, strict=True):
        figures["rss_mib"] = round(server.rss_mib(), 1)
        # CPU time per answer is the server's own work, whatever else ran on the machine:
        # the throughput of two runs moves with the machine's other load, this much less.
        answered = max(int(figures.pop("answered", 0)), 1)
        figures["cpu_ms"] = round((server.cpu_seconds() - before) * 1000 / answered, 3)
        alone = len(servers) == 1
        figures["db_cpu_ms"] = round(database_cpu * 1000 / answered, 3) if alone else None
    return results
