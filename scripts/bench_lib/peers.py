"""Peer servers installed on demand into a cache folder that is never committed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

CACHE = Path(os.environ.get("HUB_BENCH_CACHE", Path.home() / ".cache" / "hub-bench"))
POSTGRAPHILE = "postgraphile@4"


class PeerUnavailable(Exception):
    """The peer cannot run here; the message says why."""


def postgraphile_executable() -> Path:
    """PostGraphile 4's command, installed from npm on first use."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise PeerUnavailable("PostGraphile needs Node.js and npm, and this machine has none")
    folder = CACHE / "postgraphile"
    executable = folder / "node_modules" / "postgraphile" / "cli.js"
    if not executable.exists():
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["npm", "install", "--prefix", str(folder), POSTGRAPHILE, "--no-audit", "--no-fund"],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0 or not executable.exists():
            raise PeerUnavailable(f"npm could not install {POSTGRAPHILE}:\n{done.stderr[-2000:]}")
    return executable
