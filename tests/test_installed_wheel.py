"""The wheel runs anywhere: built, installed into a fresh virtual environment and run from a
folder that is not the checkout, it migrates, loads the demo network and answers a query."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hub.core.config import PROJECT_ROOT
from tests.test_readme_commands import _clean_env, _free_port, _post, _ready

pytestmark = pytest.mark.skipif(
    os.environ.get("HUB_TEST_FRESH_CLONE") != "1",
    reason="set HUB_TEST_FRESH_CLONE=1 (scripts/test does) to build and install the wheel",
)


def _run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=_clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_installed_wheel_serves_from_any_folder(tmp_path: Path) -> None:
    # given the wheel, installed into a virtual environment of its own
    wheels, venv, elsewhere = tmp_path / "wheels", tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        wheels,
        PROJECT_ROOT,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("*.whl")
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    # as the image installs it: the dependencies the lock pins, hashes checked, then the wheel
    pip = (venv / "bin" / "python", "-m", "pip", "install", "-q")
    _run(*pip, "--require-hashes", "-r", PROJECT_ROOT / "requirements.lock", cwd=tmp_path)
    _run(*pip, "--no-deps", wheel, cwd=tmp_path)
    hub = venv / "bin" / "hub"

    # when it is set up and served from a folder that is not the checkout
    _run(hub, "migrate", cwd=elsewhere)
    _run(hub, "demo", "load", cwd=elsewhere)
    token = _run(hub, "tokens", "issue", "--user", "coordinator@network.example.org", cwd=elsewhere)
    port = _free_port()
    server = subprocess.Popen(
        [str(hub), "serve", "--port", str(port)],
        cwd=elsewhere,
        env=_clean_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not _ready(port):
            assert server.poll() is None, server.communicate()[1]
            assert time.monotonic() < deadline, "the installed hub did not become ready"
            time.sleep(0.1)
        # then it answers as the checkout does, with the shipped policies and tenants
        assert _post(port, token.strip()) == {
            "data": {
                "viewer": {"email": "coordinator@network.example.org"},
                "workStreams": {"totalCount": 12},
            }
        }
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert (elsewhere / "var" / "hub.sqlite3").is_file()
