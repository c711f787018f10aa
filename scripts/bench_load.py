"""Load benchmark: the hub over real HTTP on a generated PostgreSQL dataset, against a
hand-written asyncpg baseline and, where Node.js is present, PostGraphile 4.

    ./scripts/bench load [--scale 1] [--seed 1] [--workers 1] [--concurrency 16]
                         [--duration 10] [--peer postgraphile] [--memory-tenants 5000]
                         [--list-rows 10000,1000000]
                         [--workloads operations,many-callers,paging,read-write]
    ./scripts/bench load --quick     a smoke test: tiny dataset, short runs, no docs written

Workloads: ``operations`` repeats each of the hub's operations (and the headline query on
raw asyncpg and PostGraphile) and measures what access control costs; ``many-callers``,
``paging`` and ``read-write`` (bench_lib.workloads) run on the hub with its result cache on
and off, raw asyncpg and PostGraphile, after checking that they answer the same rows.

It creates a database for the run on the PostgreSQL server of ``--postgres`` (or
``HUB_BENCH_POSTGRES_URL``), drops it afterwards unless ``--keep``, writes the results to
``bench-results/`` as JSON and, unless ``--quick``, to ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_lib import dataset, listing, operations, peers, report, servers, workloads
from bench_lib.load import Load, OperationFailed, drive, drive_together, request_once

from hub.auth.tokens import issue_dev_token

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
MAX_SCALE = 10.0
QUICK_SCALE = 0.02
OPERATIONS = "operations"
WORKLOADS = (OPERATIONS, *workloads.WORKLOADS)


def _progress(message: str) -> None:
    print(f"  {message}", flush=True)


def _machine(dsn: str) -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    except OSError:
        memory = 0.0

    async def version() -> str:
        import asyncpg

        connection = await asyncpg.connect(dsn)
        try:
            return str(await connection.fetchval("SHOW server_version"))
        finally:
            await connection.close()

    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gib": memory,
        "python": platform.python_version(),
        "postgres": asyncio.run(version()),
    }


def _command(arguments: list[str]) -> str:
    """The command that ran, less its notes (the report lists them)."""
    kept: list[str] = []
    skip = False
    for argument in arguments:
        if skip or argument.startswith("--note="):
            skip = False
            continue
        if argument == "--note":
            skip = True
            continue
        kept.append(argument)
    return shlex.join(["./scripts/bench", "load", *kept])


def _body(operation: operations.Operation) -> bytes:
    body: dict[str, Any] = {"query": operation.document, "variables": operation.variables}
    if operation.operation_name:
        body["operationName"] = operation.operation_name
    return json.dumps(body).encode()


def _first_proposal(answer: dict[str, Any]) -> str:
    for edge in answer["data"]["workStreams"]["edges"]:
        for proposal in edge["node"]["proposals"]["edges"]:
            return str(proposal["node"]["id"])
    raise OperationFailed("the headline query returned no proposal to look up")


def measure_hubs(
    data: dataset.Dataset, args: argparse.Namespace, load: Load, cache_off: bool = False
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """For each operation, the hub with access control on driven alone (its throughput),
    then the hub with access control on and off driven at once (what access control costs).

    The cost compares the CPU time per answer of two servers that ran through the same
    seconds: driven in turn, each pair of runs differed by as much as a third with nothing
    changed, because the machine's speed moves that much from one second to the next."""

    def headers_of(email: str) -> dict[str, str]:
        token = issue_dev_token(servers.BENCH_SECRET, email, None, timedelta(hours=4))
        return {
            "Authorization": f"Bearer {token}",
            "X-Hub-Tenant": data.tenant_slug,
            "Content-Type": "application/json",
        }

    member = headers_of(data.member_email)
    focal = headers_of(data.member_email.replace("member@", "focal@", 1))
    rows: list[dict[str, Any]] = []
    costs: list[dict[str, Any]] = []
    with contextlib.ExitStack() as stack:
        on, off = (
            stack.enter_context(
                servers.hub(data.dsn, args.workers, access_off, args.pool, cache_off)
            )
            for access_off in (False, True)
        )
        first = _body(operations.hub_operations("")[0])
        answer, _ = request_once(on.url, first, member)
        for operation in operations.hub_operations(_first_proposal(answer)):
            body = _body(operation)
            headers = focal if operation.as_focal_point else member
            for server in (on, off):
                request_once(server.url, body, headers)
            print(f"  {on.name}: {operation.name}", flush=True)
            rows.append(
                {"server": on.name, "operation": operation.name, **drive(on, body, headers, load)}
            )
            print(f"  {on.name} and {off.name} at once: {operation.name}", flush=True)
            with_it, without = drive_together([on, off], body, headers, load)
            costs.append(
                {
                    "operation": operation.name,
                    "result_cache": not cache_off,
                    "on": with_it,
                    "off": without,
                }
            )
    return rows, costs


def measure_raw(data: dataset.Dataset, args: argparse.Namespace, load: Load) -> dict[str, Any]:
    headers = {"Content-Type": "application/json"}
    body = _body(operations.hub_operations("")[0])
    with servers.raw(data.dsn, data.tenant_id, args.workers) as server:
        request_once(server.url, body, headers)
        print(f"  {server.name}: headline", flush=True)
        return {
            "server": server.name,
            "operation": "headline",
            **drive(server, body, headers, load),
        }


def measure_postgraphile(
    data: dataset.Dataset, args: argparse.Namespace, load: Load
) -> dict[str, Any]:
    executable = peers.postgraphile_executable()
    headers = {"Content-Type": "application/json"}
    body = json.dumps(
        {"query": operations.POSTGRAPHILE_HEADLINE, "variables": {"tenant": data.tenant_id}}
    ).encode()
    with servers.postgraphile(executable, data.dsn, args.pool) as server:
        answer, _ = request_once(server.url, body, headers)
        if len(answer["data"]["allWorkStreams"]["nodes"]) != 20:
            raise OperationFailed("PostGraphile's answer does not hold 20 work streams")
        print(f"  {server.name}: headline", flush=True)
        return {
            "server": server.name,
            "operation": "headline",
            **drive(server, body, headers, load),
        }


def paging_rows(args: argparse.Namespace, data: dataset.Dataset) -> int:
    return int(args.paging_rows or max(1_000, data.scale.proposals // 5))


def measure_workloads(
    data: dataset.Dataset,
    args: argparse.Namespace,
    load: Load,
    chosen: list[str],
    notes: list[str],
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """The workloads of bench_lib.workloads, in order: read-write last, as its writes change
    the titles the others read."""
    size = paging_rows(args, data)
    print(f"workloads: {', '.join(chosen)}; paging in a tenant of {size:,} proposals", flush=True)
    large = asyncio.run(listing.fill(data.dsn, [size], args.seed))[0]
    where = asyncio.run(workloads.setting(data.dsn, data.member_email, large.slug, args.seed))
    print(f"  {len(where.callers):,} callers", flush=True)
    found: list[dict[str, Any]] = []
    same: dict[str, dict[str, Any]] = {}
    for workload in chosen:
        figures, same[workload] = workloads.measure(
            workload,
            where,
            data.dsn,
            data.tenant_id,
            args.workers,
            args.pool,
            load,
            "postgraphile" in args.peer,
            notes,
        )
        found += figures
    return found, same


def measure_memory(args: argparse.Namespace) -> dict[str, Any]:
    """The hub's resident memory after serving a tenant of a network of many tenants."""
    scale = dataset.Scale(
        tenants=args.memory_tenants,
        work_streams=args.memory_tenants * 2,
        proposals=args.memory_tenants * 4,
        organisations=args.memory_tenants,
        pledges=args.memory_tenants,
    )
    name = f"hub_bench_memory_{os.getpid()}"
    print(f"memory: {args.memory_tenants:,} tenants", flush=True)
    data = asyncio.run(dataset.generate(args.postgres, name, scale, args.seed, _progress))
    try:
        token = issue_dev_token(servers.BENCH_SECRET, data.member_email, None, timedelta(hours=1))
        headers = {"Authorization": f"Bearer {token}", "X-Hub-Tenant": data.tenant_slug}
        body = _body(operations.hub_operations("")[0])
        with servers.hub(data.dsn, 1, False, args.pool) as server:
            idle = server.rss_mib()
            started = time.perf_counter()
            request_once(server.url, body, {**headers, "Content-Type": "application/json"})
            first = time.perf_counter() - started
            for _ in range(50):
                request_once(server.url, body, {**headers, "Content-Type": "application/json"})
            busy = server.rss_mib()
    finally:
        if not args.keep:
            asyncio.run(dataset.drop_database(args.postgres, name))
    rules = data.rows["casbin_rule"]
    return {
        "tenants": data.rows["tenant"],
        "rules": rules,
        "rss_idle_mib": idle,
        "rss_after_mib": busy,
        "first_request_ms": first * 1000,
        "lines": [
            f"One hub worker with {data.rows['tenant']:,} tenants and {rules:,} Casbin rules "
            f"loaded: {idle:.0f} MiB resident after start-up, {busy:.0f} MiB after 51 headline "
            f"queries; the first query (its tenant's enforcer built) took {first * 1000:.0f} ms.",
        ],
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("HUB_BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
        help="a PostgreSQL server's URL; the run creates its own database there",
    )
    parser.add_argument(
        "--scale", type=float, default=1.0, help=f"dataset size, up to {MAX_SCALE:g}"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn workers per server")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per operation")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before measuring")
    parser.add_argument("--pool", type=int, default=10, help="database connections per worker")
    parser.add_argument("--peer", action="append", choices=["postgraphile"], default=[])
    parser.add_argument(
        "--memory-tenants", type=int, default=0, help="also measure memory with this many tenants"
    )
    parser.add_argument(
        "--list-rows",
        type=lambda text: [int(n) for n in text.split(",") if n],
        default=[],
        help="also list latency in tenants of these sizes, e.g. 10000,1000000",
    )
    parser.add_argument(
        "--compare", type=Path, default=None, help="an earlier run's JSON to compare with"
    )
    parser.add_argument(
        "--note", action="append", default=[], help="a line for the report's notes (repeat)"
    )
    parser.add_argument(
        "--report-from",
        type=Path,
        default=None,
        help="write the report from this run's JSON (adding --note lines) and run nothing",
    )
    parser.add_argument(
        "--workloads",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        default=list(WORKLOADS),
        help=f"which to run, comma-separated, of {', '.join(WORKLOADS)} (default: all)",
    )
    parser.add_argument(
        "--paging-rows",
        type=int,
        default=0,
        help="proposals of the tenant the paging workload walks (default: a fifth of all)",
    )
    parser.add_argument("--quick", action="store_true", help="a smoke test of a few seconds")
    parser.add_argument("--keep", action="store_true", help="keep the generated database")
    parser.add_argument("--out", type=Path, default=ROOT / "bench-results")
    parser.add_argument("--docs", type=Path, default=None, help="default: docs/performance.md")
    args = parser.parse_args()
    problems = []
    if not 0 < args.scale <= MAX_SCALE:
        problems.append(f"--scale must be above 0 and at most {MAX_SCALE:g}")
    for name in ("workers", "concurrency", "pool"):
        if not 1 <= getattr(args, name) <= 256:
            problems.append(f"--{name} must be between 1 and 256")
    if not 0 < args.duration <= 600 or not 0 <= args.warmup <= 60:
        problems.append("--duration must be in (0, 600] and --warmup in [0, 60] seconds")
    if args.report_from is not None and not args.report_from.is_file():
        problems.append(f"--report-from: {args.report_from} is not a file")
    if args.compare is not None and not args.compare.is_file():
        problems.append(f"--compare: {args.compare} is not a file")
    if any(not 1_000 <= n <= 10_000_000 for n in args.list_rows):
        problems.append("--list-rows takes sizes between 1,000 and 10,000,000")
    if args.memory_tenants < 0:
        problems.append("--memory-tenants must not be negative")
    unknown = sorted(set(args.workloads) - set(WORKLOADS))
    if unknown or not args.workloads:
        problems.append(f"--workloads takes names of {', '.join(WORKLOADS)}")
    if args.paging_rows and not 1_000 <= args.paging_rows <= 10_000_000:
        problems.append("--paging-rows takes a size between 1,000 and 10,000,000")
    if problems:
        parser.error("; ".join(problems))
    if args.quick:
        args.scale, args.duration, args.warmup = QUICK_SCALE, 1.0, 0.3
    if args.docs is None and not args.quick:
        args.docs = ROOT / "docs" / "performance.md"
    return args


def rewrite_report(args: argparse.Namespace) -> int:
    """The report again from a run's JSON, with any new ``--note`` lines; nothing is run."""
    results = json.loads(args.report_from.read_text())
    results["notes"] = [*results.get("notes", []), *args.note]
    args.report_from.write_text(json.dumps(results, indent=2) + "\n")
    docs = args.docs or ROOT / "docs" / "performance.md"
    docs.write_text(report.markdown(results))
    print(f"written: {docs}")
    return 0


def main() -> int:
    args = parse_args()
    if args.report_from is not None:
        return rewrite_report(args)
    started = datetime.now(UTC).replace(microsecond=0)
    load = Load(args.concurrency, args.warmup, args.duration)
    scale = dataset.Scale().times(args.scale)
    name = f"hub_bench_{os.getpid()}"
    print(f"dataset: scale {args.scale:g}, seed {args.seed}", flush=True)
    try:
        data = asyncio.run(dataset.generate(args.postgres, name, scale, args.seed, _progress))
    except (OSError, RuntimeError) as exc:
        print(f"error: cannot build the dataset on {args.postgres}: {exc}", file=sys.stderr)
        return 1
    print(f"  {data.seconds:.1f} s", flush=True)
    notes: list[str] = list(args.note)
    rows: list[dict[str, Any]] = []
    costs: list[dict[str, Any]] = []
    results: dict[str, Any] = {}
    workload_rows: list[dict[str, Any]] = []
    same_rows: dict[str, dict[str, Any]] = {}
    try:
        if OPERATIONS in args.workloads:
            for cache_off in (False, True):
                # With the result cache off every request is executed: what a read costs
                # when its result is not cached.
                hub_rows, hub_costs = measure_hubs(data, args, load, cache_off)
                rows += hub_rows
                costs += hub_costs
            rows.append(measure_raw(data, args, load))
            if "postgraphile" in args.peer:
                try:
                    rows.append(measure_postgraphile(data, args, load))
                except peers.PeerUnavailable as exc:
                    notes.append(f"PostGraphile was not measured: {exc}")
                    print(f"  {notes[-1]}", file=sys.stderr)
        chosen = [name for name in workloads.WORKLOADS if name in args.workloads]
        if chosen:
            workload_rows, same_rows = measure_workloads(data, args, load, chosen, notes)
        results = {
            "started": started.isoformat().replace("+00:00", ""),
            "machine": _machine(args.postgres),
            "config": {
                "scale": args.scale,
                "workers": args.workers,
                "concurrency": args.concurrency,
                "duration": args.duration,
                "warmup": args.warmup,
                "pool": args.pool,
                "quick": args.quick,
                "workloads": args.workloads,
                "command": _command(sys.argv[1:]),
                "paging_rows": paging_rows(args, data) if workload_rows else None,
            },
            "dataset": {
                "seed": data.seed,
                "rows": data.rows,
                "seconds": data.seconds,
                "tenant": data.tenant_slug,
            },
            "rows": rows,
            "access_control": costs,
            "ratios": report.ratios(rows, costs),
            "workloads": workload_rows,
            "same_rows": same_rows,
            "workload_ratios": report.workload_ratios(workload_rows),
            "notes": notes,
        }
        if args.compare is not None:
            before = json.loads(args.compare.read_text())
            results["comparison"] = {
                "started": before["started"],
                "lines": report.compare(rows, before),
            }
        if args.list_rows:
            print(f"list latency: {', '.join(f'{n:,}' for n in args.list_rows)} rows", flush=True)
            tenants = asyncio.run(listing.fill(data.dsn, args.list_rows, args.seed))
            results["list_latency"] = asyncio.run(
                listing.measure(data.dsn, tenants, args.workers, args.pool, args.duration / 2)
            )
        if args.memory_tenants:
            results["memory"] = measure_memory(args)
    except (OperationFailed, RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            asyncio.run(dataset.drop_database(args.postgres, name))
    if rows:
        print(report.table(rows))
        print(report.access_table(costs))
    for ratio, value in results["ratios"].items():
        print(f"{ratio}: {value:.2f}")
    if workload_rows:
        print(report.workload_table(workload_rows))
        for line in report.workload_ratio_lines(results["workload_ratios"]):
            print(line)
    for key in ("comparison", "list_latency", "memory"):
        if results.get(key):
            print("\n".join(results[key]["lines"]))
    path = report.write_json(results, args.out)
    print(f"results: {path}")
    if args.docs is not None:
        args.docs.parent.mkdir(parents=True, exist_ok=True)
        args.docs.write_text(report.markdown(results))
        print(f"written: {args.docs}")
    failed = [row for row in rows + workload_rows if row["errors"]]
    if failed:
        print(
            f"error: {len(failed)} runs had errors, e.g. {failed[0]['first_error']}",
            file=sys.stderr,
        )
        return 1
    differing = {name: same for name, same in same_rows.items() if not same["same"]}
    for name, same in differing.items():
        print(
            f"error: {name}: the servers answered other rows: {same['difference']}", file=sys.stderr
        )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
