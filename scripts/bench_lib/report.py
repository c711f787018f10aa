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


def _table_head(columns: tuple[tuple[str, Any], ...]) -> list[str]:
    """A Markdown table's header and alignment rows: the first two columns name what was
    measured, the others hold figures, aligned right."""
    names = "| " + " | ".join(name for name, _ in columns) + " |"
    return [names, "|" + "|".join("---" if i < 2 else "---:" for i in range(len(columns))) + "|"]


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
    ]
    if rows:
        out += [
            "## Throughput and latency",
            "",
            *_table_head(COLUMNS),
        ]
        out += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    out += workloads_markdown(results)
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
            *_table_head(ACCESS_COLUMNS),
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
    if config.get("command"):
        out += [
            "",
            "## Commands",
            "",
            "The run:",
            "",
            f"    {config['command']}",
            "",
            "This page again from the run's JSON, with more notes, nothing run:",
            "",
            "    ./scripts/bench load --report-from bench-results/"
            f"{results['started'].replace(':', '').replace('-', '')}.json --note '...'",
        ]
    if results.get("notes"):
        out += ["", "## Notes", ""] + [f"- {note}" for note in results["notes"]]
    return "\n".join(out) + "\n"


WORKLOAD_COLUMNS = (
    ("workload", 13),
    ("server", 23),
    ("req/s", 7),
    ("p50 ms", 7),
    ("p99 ms", 7),
    ("errors", 6),
    ("CPU ms", 7),
    ("DB CPU ms", 9),
    ("cache hits", 11),
    ("RSS MiB", 8),
)
PEER = "PostGraphile 4"
RAW = "raw asyncpg"
HUBS = ("hub", "hub (result cache off)")


def _workload_cells(row: dict[str, Any]) -> list[str]:
    rate = row.get("cache_hit_rate")
    return [
        row["workload"],
        row["server"],
        f"{row['rps']:.0f}",
        f"{row['p50_ms']:.1f}",
        f"{row['p99_ms']:.1f}",
        str(row["errors"]),
        _milliseconds(row.get("cpu_ms")),
        _milliseconds(row.get("db_cpu_ms")),
        _hits(rate, row.get("cache_lookups")),
        f"{row['rss_mib']:.0f}",
    ]


def _hits(rate: float | None, lookups: int | None) -> str:
    if rate is None:
        return "-"
    if lookups == 0:
        return "no look-ups"
    return f"{rate * 100:.0f} %"


def workload_table(rows: list[dict[str, Any]]) -> str:
    lines = [" ".join(f"{name:>{width}}" for name, width in WORKLOAD_COLUMNS)]
    for row in rows:
        cells = _workload_cells(row)
        lines.append(
            " ".join(f"{c:>{w}}" for c, (_, w) in zip(cells, WORKLOAD_COLUMNS, strict=True))
        )
    return "\n".join(lines)


# Each ratio: the hub's figure over the other server's; for req/s higher is better, for the
# others lower.
WORKLOAD_RATIOS = (
    ("req/s", "rps"),
    ("CPU", "cpu_ms"),
    ("DB CPU", "db_cpu_ms"),
    ("p99", "p99_ms"),
    ("RSS", "rss_mib"),
)


def workload_ratios(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For each workload and hub, its figures over PostGraphile's and raw asyncpg's."""
    found = []
    for workload in dict.fromkeys(row["workload"] for row in rows):
        mine = {row["server"]: row for row in rows if row["workload"] == workload}
        for hub in HUBS:
            for other in (PEER, RAW):
                if hub not in mine or other not in mine:
                    continue
                values: dict[str, float | None] = {}
                for label, key in WORKLOAD_RATIOS:
                    a, b = mine[hub].get(key), mine[other].get(key)
                    values[label] = float(a) / float(b) if a is not None and b else None
                found.append({"workload": workload, "hub": hub, "against": other, **values})
    return found


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def workload_ratio_lines(found: list[dict[str, Any]]) -> list[str]:
    labels = [label for label, _ in WORKLOAD_RATIOS]
    lines = [
        "| workload | hub | against | " + " | ".join(labels) + " |",
        "|---|---|---|" + "---:|" * len(labels),
    ]
    for ratio in found:
        cells = [_ratio(ratio[label]) for label in labels]
        lines.append(
            f"| {ratio['workload']} | {ratio['hub']} | {ratio['against']} | "
            + " | ".join(cells)
            + " |"
        )
    return lines


def _same_rows_lines(same_rows: dict[str, dict[str, Any]]) -> list[str]:
    lines = [
        "| workload | servers compared | answers | rows | same rows |",
        "|---|---|---:|---:|---|",
    ]
    for workload, same in same_rows.items():
        verdict = "yes" if same["same"] else f"**no**: {same['difference']}"
        lines.append(
            f"| {workload} | {', '.join(same['servers'])} | {same['answers']} | "
            f"{same['rows']} | {verdict} |"
        )
    return lines


def workloads_markdown(results: dict[str, Any]) -> list[str]:
    """The section of the workloads that vary their requests."""
    rows = results.get("workloads") or []
    if not rows:
        return []
    config = results["config"]
    servers = sorted({row["server"] for row in rows})
    absent = [name for name in (PEER, RAW) if name not in servers]
    out = [
        "",
        "## Workloads",
        "",
        "Each workload ran on every server below, one server at a time, with "
        f"{config['concurrency']} requests in flight for {config['duration']:g} s after "
        f"{config['warmup']:g} s of warm-up:",
        "",
        "- `many-callers`: the headline query by every member, focal point and caller of the "
        "national tenants in turn (each its own token and tenant), round-robin: a caller comes "
        "round again only after all the others, so the hub's result cache cannot hold the "
        "answer; measured after every caller's first visit (below). Some callers share "
        "their roles and tenant, some hold a local role besides or a rule naming them. "
        "PostGraphile and raw asyncpg know no callers: they are asked the "
        "same tenant's rows, the tenant as a variable.",
        "- `paging`: cursor walks through the proposals of one large national tenant"
        + (f" ({config['paging_rows']:,} proposals)" if config.get("paging_rows") else "")
        + ", newest first: each page of a random size between 1 and 100 (seeded per "
        "connection), the next page after the answer's `endCursor`, a fresh walk after 20 "
        "pages or at the end.",
        "- `read-write`: the headline query of one member, and with a chance of 5 % "
        "(seeded) an update of a work stream's title in the member's tenant instead "
        "(`updateWorkStream`; PostGraphile's `updateWorkStreamById`, started with its "
        "mutations for this workload; raw asyncpg one `UPDATE`).",
        "",
        "Cache hits: the share of the hub's result-cache look-ups that found a current answer, "
        "read from the benchmark-only server (`GET /bench/result-cache` of "
        '`bench_lib.hub_server`); "no look-ups" where the hub did not consult it for '
        "these requests. Access control is on in both hubs.",
        "",
        *_table_head(WORKLOAD_COLUMNS),
    ]
    out += ["| " + " | ".join(_workload_cells(row)) + " |" for row in rows]
    if absent:
        out += [
            "",
            f"Not measured: {', '.join(absent)} (see the notes).",
        ]
    out += [
        "",
        "### Ratios by workload",
        "",
        "The hub's figure over the other server's in the same workload: req/s higher is "
        "better; CPU and DB CPU per answer, p99 and RSS lower is better. The issue's targets, "
        "with the result cache off: req/s >= 1.5 and CPU <= 1.0 against PostGraphile and "
        "req/s >= 0.8 against raw asyncpg for many-callers; req/s >= 1.0 and DB CPU <= 1.0 "
        "against PostGraphile for paging; p99 <= 1.0 against PostGraphile for read-write; "
        "RSS <= 1.0 against PostGraphile.",
        "",
        *workload_ratio_lines(results.get("workload_ratios") or workload_ratios(rows)),
    ]
    firsts = [row for row in rows if row.get("first_round_s") is not None]
    if firsts:
        out += [
            "",
            "### Each caller's first visit",
            "",
            "Before many-callers' warm-up every caller's request was sent once, "
            f"{config['concurrency']} at a time: what a server does for a caller it has not "
            "seen (the table above measures callers coming back).",
            "",
            "| server | callers' first requests | seconds | req/s |",
            "|---|---:|---:|---:|",
        ]
        out += [
            f"| {row['server']} | {row['first_round_requests']:,} | "
            f"{row['first_round_s']:.1f} | {row['first_round_rps']:.0f} |"
            for row in firsts
        ]
    same_rows = results.get("same_rows") or {}
    if same_rows:
        out += [
            "",
            "### Same rows",
            "",
            "Before each workload's load every server was asked a sample of its requests "
            "(many-callers: 20 callers spread over the list; paging: one walk of up to 8 pages "
            "of the same seeded sizes; read-write: one update, then the headline query) and "
            "the ids (and titles where asked) of their answers compared, in order.",
            "",
            *_same_rows_lines(same_rows),
        ]
    return out
