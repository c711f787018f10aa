"""The layers of hub/ (pyproject.toml, [tool.importlinter]): imports point down only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hub.core.config import PROJECT_ROOT


def test_imports_follow_the_layers() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _loaded_by(imports: str, folder: Path) -> list[str]:
    """The modules a fresh interpreter holds after ``import <imports>``."""
    done = subprocess.run(
        [sys.executable, "-c", f"import {imports}, sys; print(sorted(sys.modules))"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().strip("[]").replace("'", "").split(", ")


def test_the_production_package_imports_no_test_or_script(tmp_path: Path) -> None:
    loaded = _loaded_by("hub.app, hub.cli", tmp_path)
    assert [m for m in loaded if m.split(".")[0] in ("tests", "bench_lib")] == []


def test_the_administrators_commands_do_not_load_the_graphql_schema(tmp_path: Path) -> None:
    # `hub policy`, `hub users`, `hub tokens` and `hub tenants` start in a fraction of the
    # time when they do not import the GraphQL library
    loaded = _loaded_by("hub.cli.policy, hub.cli.tokens, hub.cli.tenants", tmp_path)
    assert [m for m in loaded if m.split(".")[0] in ("strawberry", "graphql")] == []
