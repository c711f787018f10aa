"""The results of a run: a table on the terminal, JSON to compare runs, and the Markdown of
``docs/performance.md``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

COLUMNS = (
    ("server", 26),
    ("operation", 19),
    ("req/s", 8),
    ("p50 ms", 8),
    ("p95 ms", 8),
    ("p99 ms", 8),
    ("errors", 7),
    ("SQL/req", 8),
    ("CPU ms", 7),
    ("DB CPU ms", 10),
    ("RSS MiB", 8),
)


def _milliseconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _cells(row: dict[str, Any]) -> list[str]:
    statements = row.get("statements")
    return [
        row["server"],
        row["operation"],
        f"{row['rps']:.0f}",
        f"{row['p50_ms']:.1f}",
        f"{row['p95_ms']:.1f}",
        f"{row['p99_ms']:.1f}",
        str(row["errors"]),
        "-" if statements is None else f"{statements:.1f}",
        _milliseconds(row.get("cpu_ms")),
        _milliseconds(row.get("db_cpu_ms")),
        f"{row['rss_mib']:.0f}",
    ]


def table(rows: list[dict[str, Any]]) -> str:
    lines = [" ".join(f"{name:>{width}}" for name, width in COLUMNS)]
    for row in rows:
        cells = _cells(row)
        lines.append(" ".join(f"{c:>{w}}" for c, (_, w) in zip(cells, COLUMNS, strict=True)))
    return "\n".join(lines)


def _rps(rows: list[dict[str, Any]], server: str, operation: str) -> float | None:
    return _figure(rows, server, operation, "rps")


def _figure(rows: list[dict[str, Any]], server: str, operation: str, name: str) -> float | None:
    for row in rows:
        if row["server"] == server and row["operation"] == operation:
            value = row.get(name)
            return None if value is None else float(value)
    return None


def ratios(rows: list[dict[str, Any]], costs: list[dict[str, Any]]) -> dict[str, float]:
    """The issue's targets: hub/raw >= 0.5, hub/PostGraphile >= 1.0, access-control cost
    <= 10 % (the server CPU time a request takes more with it on), per operation."""
    found: dict[str, float] = {}
    hub = _rps(rows, "hub", "headline")
    raw = _rps(rows, "raw asyncpg", "headline")
    peer = _rps(rows, "PostGraphile 4", "headline")
    if hub and raw:
        found["hub / raw asyncpg (headline)"] = hub / raw
    if hub and peer:
        found["hub / PostGraphile 4 (headline)"] = hub / peer
    uncached = _rps(rows, "hub (result cache off)", "headline")
    if uncached and raw:
        found["hub, result cache off / raw asyncpg (headline)"] = uncached / raw
    if uncached and peer:
        found["hub, result cache off / PostGraphile 4 (headline)"] = uncached / peer
    for cost in costs:
        label = "" if cost["result_cache"] else ", result cache off"
        found[f"access-control cost{label} ({cost['operation']})"] = _cost(cost)
    return found


def _cost(pair: dict[str, Any]) -> float:
    return float(pair["on"]["cpu_ms"]) / float(pair["off"]["cpu_ms"]) - 1


ACCESS_COLUMNS = (
    ("operation", 34),
    ("result cache", 12),
    ("CPU ms on", 10),
    ("CPU ms off", 10),
    ("cost", 6),
    ("req/s on", 9),
    ("req/s off", 9),
)


def _access_cells(pair: dict[str, Any]) -> list[str]:
    return [
        pair["operation"],
        "on" if pair["result_cache"] else "off",
        _milliseconds(pair["on"]["cpu_ms"]),
        _milliseconds(pair["off"]["cpu_ms"]),
        f"{_cost(pair) * 100:+.0f} %",
        f"{pair['on']['rps']:.0f}",
        f"{pair['off']['rps']:.0f}",
    ]


def access_table(costs: list[dict[str, Any]]) -> str:
    lines = [" ".join(f"{name:>{width}}" for name, width in ACCESS_COLUMNS)]
    for pair in costs:
        cells = _access_cells(pair)
        lines.append(" ".join(f"{c:>{w}}" for c, (_, w) in zip(cells, ACCESS_COLUMNS, strict=True)))
    return "\n".join(lines)


def compare(rows: list[dict[str, Any]], before: dict[str, Any]) -> list[str]:
    """Each row's throughput against the same server and operation in an earlier run."""
    lines = [
        f"Against the run of {before['started']} UTC (requests/s now / then):",
        "",
        "| server | operation | then | now | ratio |",
        "|---|---|---:|---:|---:|",
    ]
    for row in rows:
        then = _rps(before["rows"], row["server"], row["operation"])
        if then:
            lines.append(
                f"| {row['server']} | {row['operation']} | {then:.0f} | {row['rps']:.0f} | "
                f"{row['rps'] / then:.2f} |"
            )
    return lines


def write_json(results: dict[str, Any], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{results['started'].replace(':', '').replace('-', '')}.json"
    text = json.dumps(results, indent=2)
    path.write_text(text + "\n")
    (folder / "latest.json").write_text(text + "\n")
    return path


def markdown(results: dict[str, Any]) -> str:
    rows = results["rows"]
    config = results["config"]
    dataset = results["dataset"]
    machine = results["machine"]
    out = [
        "# Performance",
        "",
        "Written by `scripts/bench load` from its latest run; do not edit by hand, run it again.",
        "",
        "## What was run",
        "",
        f"- Started {results['started']} UTC on {machine['cpus']} CPUs "
        f"({machine['cpu_model']}), {machine['memory_gib']:.0f} GiB, "
        f"Python {machine['python']}, PostgreSQL {machine['postgres']}.",
        f"- Dataset (seed {dataset['seed']}, scale {config['scale']}): "
        + ", ".join(f"{count:,} {table}" for table, count in dataset["rows"].items())
        + f"; generated in {dataset['seconds']:.1f} s.",
        f"- Each server: {config['workers']} uvicorn worker(s) on loopback; the load client "
        f"(aiohttp, its own process) keeps {config['concurrency']} requests in flight for "
        f"{config['duration']:.0f} s per operation after {config['warmup']:.0f} s of warm-up.",
        f"- The hub runs as a member of one national tenant (`{dataset['tenant']}`) with "
        "access control on (`hub`). The load client repeats the same request, so `hub` "
        "answers from its result cache (checked each request against the revisions of users "
        "and tenants and of the tenant's rows, both read in one statement); "
        "`hub (result cache off)` executes every request. `raw asyncpg` is the hand-written "
        "Starlette + asyncpg server answering the headline query with two SQL statements and "
        "hand-built JSON. PostGraphile 4, where present, is asked its own equivalent query "
        "with the tenant as a condition.",
        "- The headline query: 20 work streams of one tenant, each with its first 5 proposals "
        "(id, title). SQL/req is counted by the hub itself (`BENCH_COUNT_STATEMENTS`), "
        "transaction statements included.",
        "- CPU ms: the CPU time of the server's processes per answer (warm-up included), read "
        "from /proc; DB CPU ms: that of the PostgreSQL processes over the same time (each "
        "process's own growth; a connection that ended meanwhile is not counted).",
        "",
        "**The figures are noisy**: the load client, the server and PostgreSQL share the "
        "machine's cores, and other work may have run on them too. Compare ratios "
        "within one run, not figures across machines; rerun on a quiet machine for figures "
        "to quote.",
        "",
        "## Throughput and latency",
        "",
        "| " + " | ".join(name for name, _ in COLUMNS) + " |",
        "|" + "|".join("---" if i < 2 else "---:" for i in range(len(COLUMNS))) + "|",
    ]
    out += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    costs = results.get("access_control", [])
    if costs:
        out += [
            "",
            "## Access-control cost",
            "",
            "For each operation, the hub with access control on and the same hub with the "
            "benchmark-only switch that turns it off (`BENCH_ACCESS_OFF`: every member may "
            "do everything in the tenant's subtree; tenancy still applies), driven at once by "
            f"one load client keeping {config['concurrency']} requests in flight to each. The "
            "cost is how much more server CPU an answer takes with access control on. Both "
            "servers run through the same seconds and share the same client, so a change in the "
            "machine's speed or the client's pace falls on both; driven in turn, two runs of the "
            "same server differ by more than the cost measured.",
            "",
            "| " + " | ".join(name for name, _ in ACCESS_COLUMNS) + " |",
            "|" + "|".join("---" if i < 2 else "---:" for i in range(len(ACCESS_COLUMNS))) + "|",
        ]
        out += ["| " + " | ".join(_access_cells(pair)) + " |" for pair in costs]
    found = ratios(rows, costs)
    if found:
        out += ["", "## Ratios", "", "| ratio | value | target |", "|---|---:|---|"]
        for name, value in found.items():
            if name.startswith("access-control"):
                out.append(f"| {name} | {value * 100:.0f} % | <= 10 % |")
            else:
                target = ">= 0.5" if "raw" in name else ">= 1.0"
                out.append(f"| {name} | {value:.2f} | {target} |")
    sections = (
        ("Against an earlier run", "comparison"),
        ("List latency", "list_latency"),
        ("Memory", "memory"),
    )
    for title, key in sections:
        if results.get(key):
            out += ["", f"## {title}", ""] + results[key]["lines"]
    if results.get("notes"):
        out += ["", "## Notes", ""] + [f"- {note}" for note in results["notes"]]
    return "\n".join(out) + "\n"
