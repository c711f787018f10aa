"""The load benchmark's smoke test: ``scripts/bench load --quick`` runs end to end."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.core.config import PROJECT_ROOT
from tests.conftest import BACKEND


@pytest.mark.postgres_only
@pytest.mark.bench
@pytest.mark.skipif(BACKEND != "postgres", reason="the benchmark runs on PostgreSQL")
def test_quick_run_measures_every_server_and_operation(tmp_path: Path) -> None:
    # when
    done = subprocess.run(
        [
            sys.executable,
            str(PROJECT_ROOT / "scripts" / "bench_load.py"),
            "--quick",
            "--postgres",
            os.environ["HUB_TEST_POSTGRES_URL"],
            "--out",
            str(tmp_path),
            "--concurrency",
            "4",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    # then
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((tmp_path / "latest.json").read_text())
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
