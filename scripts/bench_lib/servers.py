"""Servers under test, each in its own processes on a free loopback port."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
BENCH_SECRET = "benchmark-secret-key-0123456789"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(child) for child in handle.read().split()]
    return found


def _cpu_ticks(pid: int) -> int:
    """User and system CPU time of one process, in clock ticks."""
    with contextlib.suppress(OSError, IndexError, ValueError), open(f"/proc/{pid}/stat") as handle:
        # The command name (field 2) may hold spaces: count the fields after its ")".
        fields = handle.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    return 0


def postgres_cpu_ticks() -> dict[int, int]:
    """CPU time of each PostgreSQL process on this machine (the server is local), by pid."""
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError), open(f"/proc/{entry}/comm") as handle:
                if handle.read().startswith("postgres"):
                    ticks[int(entry)] = _cpu_ticks(int(entry))
    return ticks


def cpu_seconds_between(before: dict[int, int], after: dict[int, int]) -> float:
    """CPU time the processes spent between two readings. A sum over all processes would
    drop, even below zero, when a busy one (a connection's backend) ends in between: each
    process counts its own growth, one that started in between all of its time, and one
    that ended in between is lost."""
    ticks = sum(max(0, now - before.get(pid, 0)) for pid, now in after.items())
    return ticks / os.sysconf("SC_CLK_TCK")


def _rss_kib(pid: int) -> int:
    with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    path: str

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}{self.path}"

    def _processes(self) -> set[int]:
        """The server's process and all below it (uvicorn's workers)."""
        pids, seen = [self.process.pid], set[int]()
        while pids:
            pid = pids.pop()
            if pid not in seen:
                seen.add(pid)
                pids += _children(pid)
        return seen

    def rss_mib(self) -> float:
        """Resident memory of the server and all its processes."""
        return sum(_rss_kib(pid) for pid in self._processes()) / 1024

    def cpu_seconds(self) -> float:
        """CPU time the server and all its processes have used so far."""
        ticks = sum(_cpu_ticks(pid) for pid in self._processes())
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_ready(self, health: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{self.port}{health}", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers, if only that a GET is not how to ask it
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} was not ready after {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextlib.contextmanager
def running(
    name: str,
    command: Sequence[str],
    env: dict[str, str],
    port: int,
    path: str,
    health: str,
    cwd: Path | None = None,
) -> Iterator[Server]:
    log = open(os.devnull, "wb")  # noqa: SIM115 - closed below, after the server stops
    process = subprocess.Popen(
        list(command), env={**os.environ, **env}, cwd=cwd, stdout=log, stderr=subprocess.PIPE
    )
    server = Server(name, process, port, path)
    try:
        try:
            server.wait_ready(health)
        except RuntimeError as exc:
            server.stop()
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"{exc}\n{stderr[-3000:]}") from exc
        yield server
    finally:
        server.stop()
        log.close()
        if process.stderr:
            process.stderr.close()


def uvicorn(app: str, port: int, workers: int, factory: bool = False) -> list[str]:
    command = [sys.executable, "-m", "uvicorn", app, "--host", HOST, "--port", str(port)]
    command += ["--workers", str(workers), "--no-access-log", "--log-level", "warning"]
    return [*command, "--factory"] if factory else command


def hub_name(access_off: bool, cache_off: bool) -> str:
    switches = (("result cache", cache_off), ("access control", access_off))
    off = [what for what, is_off in switches if is_off]
    return f"hub ({' and '.join(off)} off)" if off else "hub"


def hub(
    dsn: str, workers: int, access_off: bool, pool: int, cache_off: bool = False
) -> contextlib.AbstractContextManager[Server]:
    """The hub as it serves, with benchmark-only settings: statement counts in a header,
    access control off when asked, no policy polling, a pool of ``pool`` connections, and
    the result cache off when asked (every request executed)."""
    port = free_port()
    env = {
        "HUB_DATABASE_URL": f"{dsn}?maxsize={pool}",
        "HUB_SECRET_KEY": BENCH_SECRET,
        "HUB_POLICY_POLL_SECONDS": "0",
        "HUB_OTEL_EXPORTER": "none",
        "BENCH_COUNT_STATEMENTS": "true",
        "BENCH_ACCESS_OFF": "true" if access_off else "false",
        "PYTHONPATH": str(SCRIPTS),
        "HUB_RESULT_CACHE_ENTRIES": "0" if cache_off else "2000",
    }
    name = hub_name(access_off, cache_off)
    command = uvicorn("bench_lib.hub_server:create_app", port, workers, factory=True)
    return running(name, command, env, port, "/graphql", "/healthz")


def raw(dsn: str, tenant_id: str, workers: int) -> contextlib.AbstractContextManager[Server]:
    port = free_port()
    env = {
        "BENCH_RAW_DSN": dsn,
        "BENCH_RAW_TENANT": tenant_id,
        "PYTHONPATH": str(SCRIPTS),
    }
    command = uvicorn("bench_lib.raw_server:app", port, workers)
    return running("raw asyncpg", command, env, port, "/graphql", "/healthz", cwd=SCRIPTS)


def postgraphile(
    executable: Path, dsn: str, pool: int, mutations: bool = False
) -> contextlib.AbstractContextManager[Server]:
    """PostGraphile 4 on the same tables, as a user could run it instead of the hub; its
    default mutations only when asked (they make its schema larger)."""
    port = free_port()
    command = ["node", str(executable), "--connection", dsn, "--schema", "public"]
    command += ["--host", HOST, "--port", str(port), "--disable-query-log"]
    command += ["--max-pool-size", str(pool)]
    if not mutations:
        command.append("--disable-default-mutations")
    return running("PostGraphile 4", command, {}, port, "/graphql", "/graphql")
