"""Tracing benchmark: what OpenTelemetry costs a representative list query.

The query reads 20 work streams with the first 5 proposals of each, on SQLite, through the
whole app in process (ASGI, no network). With telemetry on, spans go to a
BatchSpanProcessor with an exporter that drops them and metrics to an in-memory reader that
is never read, so the figures measure making the spans and recording the metrics, not
shipping them. The budget is 10 % of the throughput.

Two worker processes, one with telemetry off and one with it on (a process installs its
providers once), run batches of requests in turn; comparing each pair of batches cancels
most of the noise of other work on the machine.

    ./scripts/bench tracing [--requests 20] [--batches 30]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import httpx
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter, SpanExportResult

from hub.app import create_app
from hub.auth.tokens import issue_dev_token
from hub.core.config import PROJECT_ROOT, Settings
from hub.core.db import close_orm, init_orm, migrate
from hub.demo import load_demo
from hub.directory.models import Organisation
from hub.observability.telemetry import setup_telemetry
from hub.proposals.models import Proposal, ProposalTarget
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream

SECRET = "benchmark-secret-key-0123456789"
USER = "coordinator@network.example.org"
QUERY = """
query Streams {
  workStreams(first: 20) {
    totalCount
    edges { node { id title proposals(first: 5) { edges { node { id title } } } } }
  }
}
"""
BUDGET = 10.0
WARM_UP = 50


class DroppingExporter(SpanExporter):
    """Counts the spans it is given and keeps none."""

    def __init__(self) -> None:
        self.spans = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        self.spans += len(spans)
        return SpanExportResult.SUCCESS


async def prepare(url: str) -> None:
    """The demo network, with 20 more work streams of 5 proposals each at the root."""
    await migrate(url)
    await init_orm(url)
    try:
        await load_demo(
            PROJECT_ROOT / "tenants", PROJECT_ROOT / "policies", Settings().master_key_bytes
        )
        root = await Tenant.get(slug="global")
        organisation = await Organisation.all().order_by("name").first()
        assert organisation is not None
        for i in range(20):
            stream = await WorkStream.create(tenant=root, title=f"Bench stream {i}")
            await Proposal.bulk_create(
                Proposal(
                    tenant=root,
                    organisation=organisation,
                    target=ProposalTarget.WORK_STREAM,
                    work_stream=stream,
                    title=f"Bench proposal {i}.{k}",
                )
                for k in range(5)
            )
    finally:
        await close_orm()


async def serve(url: str, telemetry: bool) -> None:
    """A worker: runs the number of requests read from each line of stdin and answers with
    the seconds they took, until stdin closes."""
    settings = Settings(database_url=url, secret_key=SECRET, policy_poll_seconds=0)
    exporter = DroppingExporter()
    processor = BatchSpanProcessor(exporter)
    if telemetry:
        setup_telemetry(settings, span_processor=processor, metric_reader=InMemoryMetricReader())
    await init_orm(url)
    try:
        app = create_app(settings, manage_orm=False)
        headers = {"Authorization": f"Bearer {issue_dev_token(SECRET, USER, None, timedelta(1))}"}
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench"
            ) as http,
        ):

            async def ask() -> None:
                reply = await http.post("/graphql", json={"query": QUERY}, headers=headers)
                body = reply.json()
                assert "errors" not in body, body
                assert len(body["data"]["workStreams"]["edges"]) == 20

            asked = 0
            for line in sys.stdin:
                count = int(line)
                started = time.perf_counter()
                for _ in range(count):
                    await ask()
                elapsed = time.perf_counter() - started
                asked += count
                processor.force_flush()
                print(json.dumps({"seconds": elapsed, "spans": exporter.spans / asked}), flush=True)
    finally:
        await close_orm()


class Worker:
    def __init__(self, url: str, telemetry: bool) -> None:
        command = [sys.executable, __file__, "--worker", url]
        if telemetry:
            command.append("--telemetry")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        if hasattr(os, "sched_setaffinity"):
            # Both workers on one core: neither gets a core that other work leaves idler.
            os.sched_setaffinity(self.process.pid, {max(os.sched_getaffinity(0))})

    def run(self, requests: int) -> dict[str, float]:
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(f"{requests}\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the benchmark worker failed")
        result: dict[str, float] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=20, help="requests a batch")
    parser.add_argument("--batches", type=int, default=30, help="batches of each")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--telemetry", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(serve(args.worker, args.telemetry))
        return

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite://{Path(tmp) / 'bench.sqlite3'}"
        asyncio.run(prepare(url))
        off, on = Worker(url, telemetry=False), Worker(url, telemetry=True)
        try:
            for worker in (off, on):
                worker.run(WARM_UP)
            times_off: list[float] = []
            times_on: list[float] = []
            spans = 0.0
            for batch in range(args.batches):
                # Alternate which goes first, so that neither always follows the other.
                pair = (off, on) if batch % 2 == 0 else (on, off)
                results = {id(worker): worker.run(args.requests) for worker in pair}
                times_off.append(results[id(off)]["seconds"])
                times_on.append(results[id(on)]["seconds"])
                spans = results[id(on)]["spans"]
        finally:
            off.close()
            on.close()
    # Batches side by side ran under the same load from other processes: compare in pairs.
    ratios = [t_on / t_off for t_on, t_off in zip(times_on, times_off, strict=True)]
    overhead = (1 - 1 / statistics.median(ratios)) * 100
    rps_off = args.requests / statistics.median(times_off)
    rps_on = args.requests / statistics.median(times_on)
    print("Telemetry, in one process each on SQLite (in-process ASGI requests, no network)")
    print("query: 20 work streams, the first 5 proposals of each (id, title)")
    print(f"{args.batches} batches of {args.requests} requests, off and on side by side")
    print(f"telemetry off: {rps_off:7.1f} req/s (median batch)")
    print(f"telemetry on:  {rps_on:7.1f} req/s (median batch; {spans:.1f} spans a request)")
    verdict = "within" if overhead < BUDGET else "OVER"
    print(
        f"overhead: {overhead:.1f} % fewer requests a second, median of the pairs "
        f"({verdict} the {BUDGET:.0f} % budget)"
    )


if __name__ == "__main__":
    main()
