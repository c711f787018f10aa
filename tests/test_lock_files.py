"""Every install of the hub goes through the lock files, and they hold what pyproject.toml
asks for: each package pinned, with its hashes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "network-engagement-hub"
LOCKS = {"requirements.lock": (), "requirements-dev.lock": ("dev",)}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def _pins(lock: str) -> dict[str, str]:
    """Each package of ``lock`` with the version it is pinned to; fails on a package
    without a hash."""
    pins: dict[str, str] = {}
    text = (ROOT / lock).read_text(encoding="utf-8")
    for entry in re.split(r"\n(?=[A-Za-z0-9])", text):
        if not entry.strip() or entry.startswith("#"):
            continue
        match = _PIN.match(entry)
        assert match, f"{lock}: not pinned with ==: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"{lock}: no hash for {match.group(1)}"
        pins[canonicalize_name(match.group(1))] = match.group(3)
    return pins


def _wanted(extras: tuple[str, ...]) -> list[Requirement]:
    """The requirements of pyproject.toml with ``extras``, the extras that name the
    project itself followed."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(r) for r in project["dependencies"]]
    pending, seen = list(extras), set()
    while pending:
        extra = pending.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for requirement in map(Requirement, project["optional-dependencies"][extra]):
            if canonicalize_name(requirement.name) == PROJECT:
                pending.extend(requirement.extras)
            else:
                wanted.append(requirement)
    return wanted


@pytest.mark.parametrize("lock", LOCKS)
def test_the_lock_pins_every_requirement_within_its_bounds(lock: str) -> None:
    pins = _pins(lock)
    for requirement in _wanted(LOCKS[lock]):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} lacks {requirement}: run ./scripts/lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, outside {requirement}: run ./scripts/lock"
        )


def test_the_runtime_lock_holds_nothing_the_runtime_does_not_need() -> None:
    runtime, dev = _pins("requirements.lock"), _pins("requirements-dev.lock")
    assert "pytest" not in runtime
    # the runtime is installed as the developers' lock has it
    assert {name: dev.get(name) for name in runtime} == runtime


def test_installs_go_through_the_lock_with_hashes_checked() -> None:
    venv = (ROOT / "scripts/_venv.sh").read_text(encoding="utf-8")
    assert "--require-hashes -r" in venv
    assert "requirements.lock" in venv
    assert "requirements-dev.lock" in venv
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "!requirements.lock" in (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
