"""The load benchmark's smoke tests (``scripts/bench load --quick`` runs end to end) and its
load client's ways of varying requests, which run without a server."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from hub.core.config import PROJECT_ROOT
from tests.conftest import BACKEND

NEW_WORKLOADS = ("many-callers", "paging", "read-write")
WORKLOADS = ("operations", *NEW_WORKLOADS)


@dataclass(frozen=True)
class QuickRun:
    done: subprocess.CompletedProcess[str]
    results: dict[str, Any]
    docs: Path
    servers: list[str]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> QuickRun:
    """One quick run of every workload, which the tests below read: generating the dataset
    and starting the servers is most of a run's time."""
    if BACKEND != "postgres":
        pytest.skip("the benchmark runs on PostgreSQL")
    out = tmp_path_factory.mktemp("bench")
    # PostGraphile when it is installed already (the run would install it otherwise)
    peer = Path(os.environ.get("HUB_BENCH_CACHE", Path.home() / ".cache" / "hub-bench"))
    with_peer = (peer / "postgraphile" / "node_modules" / "postgraphile" / "cli.js").exists()
    docs = out / "performance.md"
    done = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "scripts" / "bench_load.py"),
            "--quick",
            "--postgres",
            os.environ["HUB_TEST_POSTGRES_URL"],
            "--out",
            str(out),
            "--docs",
            str(docs),
            "--concurrency",
            "4",
            "--workloads",
            ",".join(WORKLOADS),
            *(["--peer", "postgraphile"] if with_peer else []),
        ],
        capture_output=True,
        text=True,
        timeout=420,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((out / "latest.json").read_text())
    servers = ["hub", "hub (result cache off)", "raw asyncpg"]
    servers += ["PostGraphile 4"] if with_peer else []
    return QuickRun(done, results, docs, servers)


@pytest.mark.postgres_only
@pytest.mark.bench
@pytest.mark.skipif(BACKEND != "postgres", reason="the benchmark runs on PostgreSQL")
def test_quick_run_measures_every_server_and_operation(quick_run: QuickRun) -> None:
    done, results = quick_run.done, quick_run.results
    measured = {(row["server"], row["operation"]) for row in results["rows"]}
    operations = {"headline", "proposals_filtered", "organisations", "node"}
    front_end = {"Dashboard", "WorkStreams", "ProposalInbox", "Consultations"}
    operations |= {f"{name} (schema/operations)" for name in front_end}
    for server in ("hub", "hub (result cache off)"):
        assert measured >= {(server, op) for op in operations}
    # Access control's cost: each operation with and without the result cache, on and off
    # driven at once, each with answers and CPU of its own.
    costs = results["access_control"]
    assert sorted((c["operation"], c["result_cache"]) for c in costs) == sorted(
        (op, cached) for op in operations for cached in (True, False)
    )
    for cost in costs:
        for side in ("on", "off"):
            assert cost[side]["errors"] == 0, cost
            assert cost[side]["requests"] > 0, cost
            assert cost[side]["cpu_ms"] > 0, cost
        label = "" if cost["result_cache"] else ", result cache off"
        assert f"access-control cost{label} ({cost['operation']})" in results["ratios"]
    assert ("raw asyncpg", "headline") in measured
    for row in results["rows"]:
        assert row["errors"] == 0, row
        assert row["requests"] > 0, row
        # Read from /proc: every server used some CPU, and PostgreSQL answered every one.
        assert row["cpu_ms"] > 0, row
        assert row["db_cpu_ms"] > 0, row
        if row["server"].startswith("hub") and "schema/operations" not in row["operation"]:
            # Counted by the server: one statement per level at most, whatever the rows.
            assert 0 < row["statements"] <= 8, row
    assert "hub / raw asyncpg (headline)" in results["ratios"]
    table_rows = [line.split() for line in done.stdout.splitlines()]
    assert ["raw", "asyncpg", "headline"] in [cells[:3] for cells in table_rows]


def test_database_cpu_counts_each_process_growth(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PROJECT_ROOT / "scripts"))
    from bench_lib.servers import cpu_seconds_between

    tick = 1 / os.sysconf("SC_CLK_TCK")
    # A busy backend that ended in between would have made a sum over all processes drop.
    before = {10: 500, 11: 40, 12: 7}
    after = {11: 45, 12: 7, 13: 3}
    assert cpu_seconds_between(before, after) == pytest.approx(8 * tick)
    # A pid taken again by a process younger than the reading never counts below zero.
    assert cpu_seconds_between({20: 90}, {20: 5}) == 0


@pytest.mark.postgres_only
@pytest.mark.bench
@pytest.mark.skipif(BACKEND != "postgres", reason="the benchmark runs on PostgreSQL")
def test_quick_run_of_the_workloads_compares_rows_and_reports_every_figure(
    quick_run: QuickRun,
) -> None:
    results, servers, docs = quick_run.results, quick_run.servers, quick_run.docs
    measured = [(row["workload"], row["server"]) for row in results["workloads"]]
    assert measured == [(w, server) for w in NEW_WORKLOADS for server in servers]
    for row in results["workloads"]:
        assert row["errors"] == 0, row
        assert row["requests"] > 0, row
        assert row["cpu_ms"] > 0, row
        assert row["db_cpu_ms"] > 0, row
        assert row["rss_mib"] > 0, row
        assert row["p99_ms"] >= row["p50_ms"] > 0, row
        if row["server"].startswith("hub"):
            assert 0 <= row["cache_hit_rate"] <= 1, row
        else:
            assert row["cache_hit_rate"] is None, row
        if row["server"] == "hub (result cache off)":
            assert row["cache_hit_rate"] == 0, row
    for workload in NEW_WORKLOADS:
        same = results["same_rows"][workload]
        assert same["same"], same
        assert same["servers"] == servers
        assert same["rows"] > 0, same
    against = {(r["workload"], r["hub"], r["against"]) for r in results["workload_ratios"]}
    assert ("paging", "hub (result cache off)", "raw asyncpg") in against
    text = docs.read_text()
    assert "## Workloads" in text
    assert "### Same rows" in text
    assert f"--workloads {','.join(WORKLOADS)}" in text


@pytest.fixture
def bench_lib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PROJECT_ROOT / "scripts"))


def _entry(n: int) -> dict[str, Any]:
    return {"headers": {"X-Caller": str(n)}, "body": f"body {n}"}


def test_rotating_connections_go_round_every_request_in_turn(bench_lib: None) -> None:
    from bench_lib.client import requests_of

    # given 10 callers and 3 connections
    job = {"plan": {"kind": "rotate", "requests": [_entry(n) for n in range(10)]}}
    connections = [requests_of(job, worker, 3) for worker in range(3)]
    # when the connections send in turn
    sent = [connections[i % 3].next()[0]["X-Caller"] for i in range(30)]
    # then every caller is sent as often, and one connection never repeats a caller
    # before it has gone round all of them
    assert sorted(sent) == sorted(str(n) for n in range(10) for _ in range(3))
    first = [connections[0].next()[1] for _ in range(10)]
    assert len(set(first)) == 10


def test_a_mix_sends_writes_at_their_share_and_the_same_ones_for_a_seed(bench_lib: None) -> None:
    from bench_lib.client import requests_of

    job = {
        "plan": {
            "kind": "mix",
            "reads": [_entry(0)],
            "writes": [_entry(n) for n in range(1, 5)],
            "write_share": 0.05,
            "seed": 7,
        }
    }

    def sent() -> list[bytes]:
        mix = requests_of(job, 0, 1)
        return [mix.next()[1] for _ in range(10_000)]

    bodies = sent()
    writes = [body for body in bodies if body != b"body 0"]
    assert 400 < len(writes) < 600
    assert set(writes) == {b"body 1", b"body 2", b"body 3", b"body 4"}
    assert sent() == bodies


def _page(cursor: str | None) -> bytes:
    info = {"endCursor": cursor, "hasNextPage": cursor is not None}
    return json.dumps({"data": {"proposals": {"edges": [], "pageInfo": info}}}).encode()


def test_a_walk_follows_each_end_cursor_at_random_sizes_and_starts_afresh(
    bench_lib: None,
) -> None:
    from bench_lib.client import requests_of

    job = {
        "plan": {
            "kind": "walk",
            "headers": {"Authorization": "Bearer t"},
            "query": "query Page { x }",
            "variables": {"tenant": "t1"},
            "connection": ["data", "proposals"],
            "seed": 3,
            "pages": 3,
        }
    }
    walk = requests_of(job, 0, 1)

    def variables() -> dict[str, Any]:
        headers, body = walk.next()
        assert headers == {"Authorization": "Bearer t"}
        found: dict[str, Any] = json.loads(body)["variables"]
        return found

    # a fresh walk: the first page, no cursor
    first = variables()
    assert "after" not in first
    assert first["tenant"] == "t1"
    walk.seen(200, _page("c1"))
    second = variables()
    assert second["after"] == "c1"
    walk.seen(200, _page("c2"))
    assert variables()["after"] == "c2"
    # three pages walked: a fresh walk, whatever the answer said
    walk.seen(200, _page("c3"))
    assert "after" not in variables()
    # the list ended, or the answer was not a page: a fresh walk too
    walk.seen(200, _page(None))
    assert "after" not in variables()
    walk.seen(200, _page("c4"))
    assert variables()["after"] == "c4"
    walk.seen(500, b"Internal Server Error")
    assert "after" not in variables()
    # page sizes between 1 and 100, and not all the same
    sizes = set()
    for _ in range(200):
        sizes.add(variables()["first"])
        walk.seen(200, _page(None))
    assert min(sizes) >= 1
    assert max(sizes) <= 100
    assert len(sizes) > 50


def test_without_a_plan_every_request_is_the_same(bench_lib: None) -> None:
    from bench_lib.client import requests_of

    same = requests_of({"headers": {"A": "b"}, "body": "{}"}, 0, 1)
    assert same.next() == ({"A": "b"}, b"{}") == same.next()


def test_rows_are_compared_by_key_whichever_way_a_server_writes_ids(bench_lib: None) -> None:
    from bench_lib.workloads import compare, rows

    key = "5f0e3b9c-2a8d-4c55-9a5e-0d2f6f6b1c11"
    relay = base64.b64encode(f"WorkStream:{key}".encode()).decode()
    hub = {"data": {"workStreams": {"edges": [{"node": {"id": relay, "title": "A"}}]}}}
    peer = {"data": {"allWorkStreams": {"nodes": [{"id": key, "title": "A"}]}}}
    assert rows(hub) == rows(peer) == [(key, "A")]
    same = compare({"hub": [rows(hub)], "PostGraphile 4": [rows(peer)]})
    assert same["same"]
    assert same["rows"] == 1
    other = {"data": {"allWorkStreams": {"nodes": [{"id": key, "title": "B"}]}}}
    differs = compare({"hub": [rows(hub)], "PostGraphile 4": [rows(other)]})
    assert not differs["same"]
    assert differs["differing"] == ["PostGraphile 4"]
    assert "answer 0" in differs["difference"]
