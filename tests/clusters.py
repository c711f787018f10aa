"""PostgreSQL clusters of a test's own (initdb/pg_ctl), to stop and start at will, or to
run with settings the shared server lacks, such as logical WAL for federation."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(*args: str) -> list[str]:
    # initdb refuses to run as root
    return ["runuser", "-u", "postgres", "--", *args] if os.getuid() == 0 else list(args)


@dataclass
class Cluster:
    data: Path
    port: int
    log: Path
    settings: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def conninfo(self, database: str = "postgres", port: int | None = None) -> str:
        """How another cluster's server reaches a database of this one (a subscription's
        connection), on ``port`` when the way goes through a link of the test's."""
        return f"host=127.0.0.1 port={port or self.port} user=postgres dbname={database}"

    def pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres("pg_ctl", "-D", str(self.data), *args),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = " ".join(
            [
                f"-p {self.port} -k {self.data.parent} -c listen_addresses=127.0.0.1",
                "-c fsync=off",
                *(f"-c {setting}" for setting in self.settings),
            ]
        )
        self.pg_ctl("-w", "-l", str(self.log), "-o", options, "start")

    def stop(self) -> None:
        self.pg_ctl("-w", "-m", "fast", "stop")

    def back_up(self, into: Path) -> None:
        """A cold backup: the cluster stopped, its files copied with their owner, started."""
        self.stop()
        subprocess.run(["cp", "-a", str(self.data), str(into)], check=True, timeout=120)
        self.start()

    def restore(self, backup: Path) -> None:
        """The cluster as ``backup`` holds it, started."""
        self.stop()
        shutil.rmtree(self.data)
        subprocess.run(["cp", "-a", str(backup), str(self.data)], check=True, timeout=120)
        self.start()


def _missing_tools() -> None:
    missing = [tool for tool in ("initdb", "pg_ctl") if shutil.which(tool) is None]
    if os.getuid() == 0 and shutil.which("runuser") is None:
        missing.append("runuser")
    if missing:
        message = f"needs {', '.join(missing)} to run a PostgreSQL cluster of its own"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def own_cluster(prefix: str, *settings: str) -> Iterator[Cluster]:
    """A new cluster, started with ``settings`` (``wal_level=logical``), removed after."""
    _missing_tools()
    root = Path(tempfile.mkdtemp(prefix=prefix))
    root.chmod(0o777)
    cluster = Cluster(root / "data", free_port(), root / "log", settings)
    subprocess.run(
        _as_postgres("initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust"),
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster.start()
    try:
        yield cluster
    finally:
        subprocess.run(
            _as_postgres("pg_ctl", "-D", str(cluster.data), "-m", "immediate", "stop"),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)
