"""The vendored GraphiQL and React: intact, as pinned, and carried by an install."""

from __future__ import annotations

import hashlib
import re
import tomllib
from glob import glob
from pathlib import Path

from hub.api.ide.assets import SCRIPTS, STYLESHEETS, vendor_manifest

VENDOR = Path("hub/api/ide/vendor")


def test_every_vendored_file_matches_its_manifest_entry(project_root: Path) -> None:
    files = vendor_manifest()["files"]
    assert files, "the manifest lists no file"
    for name, entry in files.items():
        data = (project_root / VENDOR / name).read_bytes()
        assert len(data) == entry["bytes"], name
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{name} was changed"


def test_nothing_is_vendored_outside_the_manifest(project_root: Path) -> None:
    listed = set(vendor_manifest()["files"])
    present = {
        path.name
        for path in (project_root / VENDOR).iterdir()
        if path.is_file() and path.suffix in (".js", ".css")
    }
    assert present == listed


def test_the_manifest_holds_the_versions_the_script_pins(project_root: Path) -> None:
    script = (project_root / "scripts" / "vendor-graphiql").read_text()
    pins = dict(re.findall(r"^(GRAPHIQL|REACT)_VERSION=(\S+)$", script, re.MULTILINE))
    expected = {"graphiql": pins["GRAPHIQL"], "react": pins["REACT"], "react-dom": pins["REACT"]}
    for name, entry in vendor_manifest()["files"].items():
        assert entry["version"] == expected[entry["package"]], name
        assert entry["license"] == "MIT", name
    for package in expected:
        assert (project_root / VENDOR / "licenses" / f"{package}.txt").is_file()


def test_graphiql_is_the_3_x_umd_build_the_page_expects(project_root: Path) -> None:
    files = vendor_manifest()["files"]
    assert files["graphiql.min.js"]["version"].startswith("3.")
    head = (project_root / VENDOR / "graphiql.min.js").read_bytes()[:400].decode()
    # The UMD wrapper takes React and ReactDOM from globals, as the page loads them.
    assert ".GraphiQL=t(e.React,e.ReactDOM)" in head
    assert set(files) <= set(SCRIPTS) | set(STYLESHEETS)


def test_the_ide_files_are_declared_as_package_data(project_root: Path) -> None:
    pyproject = tomllib.loads((project_root / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["hub"]
    ide = project_root / "hub" / "api" / "ide"
    needed = [
        path.relative_to(project_root / "hub").as_posix()
        for path in ide.rglob("*")
        if path.is_file() and path.suffix != ".py" and "__pycache__" not in path.parts
    ]
    assert "api/ide/vendor/manifest.json" in needed
    assert "api/ide/static/ide.js" in needed
    # setuptools expands the patterns as globs from the package's folder.
    declared = {f for pattern in patterns for f in glob(pattern, root_dir=project_root / "hub")}
    assert sorted(set(needed) - declared) == []
