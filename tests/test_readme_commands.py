"""The README's first command, as a new user runs it: a fresh clone, `./scripts/serve`."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("HUB_TEST_FRESH_CLONE") != "1",
    reason="set HUB_TEST_FRESH_CLONE=1 (scripts/test does) to install into a fresh clone",
)

QUERY = "{ viewer { email } workStreams { totalCount } }"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "VIRTUAL_ENV"))}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if "/.venv/" not in p + "/"
    )
    return env


def _post(port: int, token: str) -> dict[str, object]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/graphql",
        data=json.dumps({"query": QUERY}).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        return dict(json.load(reply))


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as reply:
            return bool(reply.status == 200)
    except OSError:
        return False


def _serve(clone: Path, port: int) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    process = subprocess.Popen(
        ["./scripts/serve", "--port", str(port)],
        cwd=clone,
        env=_clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                pytest.fail("scripts/serve stopped:\n" + "".join(lines))
            lines.append(line)
            if "Uvicorn running" in line or "Application startup complete" in line:
                break
        for _ in range(100):
            if _ready(port):
                break
            time.sleep(0.1)
        yield process, lines
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        if process.stdout is not None:
            process.stdout.close()


def test_serve_in_a_fresh_clone_answers_with_a_printed_token(
    tmp_path: Path, project_root: Path
) -> None:
    # given a fresh clone of what is committed
    clone = tmp_path / "hub"
    subprocess.run(["git", "clone", "-q", str(project_root), str(clone)], check=True)
    port = _free_port()

    # when it is served for the first time
    for process, lines in _serve(clone, port):
        output = "".join(lines)
        assert f"http://127.0.0.1:{port}/graphql" in output
        tokens = re.findall(r"Authorization: Bearer (\S+)", output)
        assert len(tokens) >= 5, output
        body = _post(port, tokens[0])
        # then a printed token works
        assert body == {
            "data": {
                "viewer": {"email": "coordinator@network.example.org"},
                "workStreams": {"totalCount": 12},
            }
        }
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=30) == 0, "Ctrl-C stops the server cleanly"

    # when it is served again, the data is kept and not loaded twice
    for _, lines in _serve(clone, port):
        output = "".join(lines)
        assert "left as it is" in output
        token = re.findall(r"Authorization: Bearer (\S+)", output)[0]
        assert _post(port, token)["data"] == {
            "viewer": {"email": "coordinator@network.example.org"},
            "workStreams": {"totalCount": 12},
        }
    assert (clone / "var" / "hub.sqlite3").exists()
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True, check=True
    )
    assert status.stdout == "", "serving leaves the clone's tracked files untouched"
