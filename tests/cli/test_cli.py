"""The ``hub`` command, run as administrators run it: a separate process on a database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.core.config import PROJECT_ROOT
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(
    BACKEND != "sqlite", reason="the CLI is exercised once, on an SQLite file"
)


def hub(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUB_DATABASE_URL": f"sqlite://{db}", "HUB_SECRET_KEY": "x" * 32}
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "hub.sqlite3"
    result = hub(db, "migrate")
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, project_root: Path) -> Path:
    """A database with the demo tenants and the baseline policies."""
    db = migrated(tmp_path_factory)
    assert hub(db, "tenants", "apply", str(project_root / "tenants")).returncode == 0
    assert hub(db, "policy", "apply", str(project_root / "policies"), "--yes").returncode == 0
    return db


@pytest.fixture(scope="module")
def project_root() -> Path:
    return PROJECT_ROOT


def test_tenants_apply_is_idempotent_and_list_shows_the_tree(
    tmp_path_factory: pytest.TempPathFactory, project_root: Path
) -> None:
    empty = migrated(tmp_path_factory)
    first = hub(empty, "tenants", "apply", str(project_root / "tenants"))
    second = hub(empty, "tenants", "apply", str(project_root / "tenants"))
    tree = hub(empty, "tenants", "list")
    assert first.returncode == 0, first.stderr
    assert "created dhaka (/global/asia-pacific/bangladesh/dhaka)" in first.stdout
    assert second.stdout.strip() == "0 created, 0 updated, 6 unchanged"
    assert "      dhaka  Dhaka local team" in tree.stdout


def test_policy_apply_shows_the_diff_and_asks(
    tmp_path_factory: pytest.TempPathFactory, project_root: Path, tmp_path: Path
) -> None:
    database = migrated(tmp_path_factory)
    assert hub(database, "tenants", "apply", str(project_root / "tenants")).returncode == 0
    assert hub(database, "policy", "apply", str(project_root / "policies"), "--yes").returncode == 0
    baseline = (project_root / "policies" / "roles.csv").read_text()
    (tmp_path / "roles.csv").write_text(
        baseline + "p, auditor, /global/europe-central-asia, work_stream, update, allow\n"
    )
    refused = hub(database, "policy", "apply", str(tmp_path), stdin="n\n")
    applied = hub(database, "policy", "apply", str(tmp_path), "--yes")
    again = hub(database, "policy", "apply", str(tmp_path))
    assert refused.returncode == 1
    assert refused.stdout.strip() == (
        "+ p, auditor, /global/europe-central-asia, work_stream, update, allow\n"
        "Apply these changes? [y/N]:"
    )
    assert "nothing applied" in refused.stderr
    assert applied.returncode == 0, applied.stderr
    assert again.stdout.strip() == "policies are up to date"


def test_grant_then_issue_a_token(database: Path) -> None:
    granted = hub(database, "users", "grant", "amina@example.org", "auditor", "--tenant", "spain")
    listed = hub(database, "users", "list", "--email", "amina@example.org")
    token = hub(database, "tokens", "issue", "--user", "amina@example.org", "--expires", "1h")
    assert granted.stdout.strip() == "granted auditor in spain to amina@example.org"
    assert listed.stdout.strip() == "amina@example.org\tauditor\t/global/europe-central-asia/spain"
    assert token.returncode == 0
    assert token.stdout.count(".") == 2


def test_api_token_create_list_revoke(database: Path) -> None:
    hub(database, "users", "grant", "bot@example.org", "auditor", "--tenant", "global")
    created = hub(database, "tokens", "create", "--user", "bot@example.org", "--name", "export")
    token_id = created.stderr.split("id ")[1].split(";")[0]
    revoked = hub(database, "tokens", "revoke", token_id)
    listed = hub(database, "tokens", "list")
    assert created.stdout.startswith("hub_")
    assert revoked.returncode == 0
    prefix = created.stdout.strip()[:12]
    assert f"{token_id}\t{prefix}\tbot@example.org\texport\trevoked" in listed.stdout
    assert created.stdout.strip() not in listed.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("users", "grant", "a@example.org", "emperor", "--tenant", "global"), "Unknown role"),
        (("users", "grant", "a@example.org", "auditor", "--tenant", "atlantis"), "No tenant"),
        (("users", "grant", "not-an-email", "auditor", "--tenant", "global"), "not an email"),
        (("tokens", "issue", "--user", "nobody@example.org"), "No user"),
        (("tokens", "issue", "--user", "a@example.org", "--expires", "soon"), "not a duration"),
        (("tokens", "revoke", "not-a-uuid"), "No API token"),
        (("tenants", "apply", "/nonexistent"), "is not a directory"),
        (("policy", "apply", "/nonexistent"), "is not a directory"),
        (("policy", "add", "auditor", "*", "fly", "work_stream"), "unknown action"),
        (("policy", "add", "auditor", "atlantis", "read", "work_stream"), "No tenant"),
        (("policy", "test", "/nonexistent.csv"), "is not a file"),
        (("users", "join", "a@example.org", "not-an-id"), "No organisation"),
        (("users", "grant", "org:not-an-id", "auditor", "--tenant", "global"), "No organisation"),
    ],
)
def test_bad_input_is_a_message_and_a_nonzero_exit(
    database: Path, args: tuple[str, ...], message: str
) -> None:
    result = hub(database, *args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_policy_check_explain_and_test(database: Path, project_root: Path) -> None:
    allowed = hub(database, "policy", "check", "role:auditor", "spain", "read", "work_stream")
    denied = hub(database, "policy", "check", "role:auditor", "spain", "update", "work_stream")
    why = hub(
        database,
        "policy",
        "explain",
        "role:auditor",
        "spain",
        "read",
        "work_stream:public",
    )
    table = hub(
        database, "policy", "test", str(project_root / "policies" / "decisions" / "baseline.csv")
    )
    assert (allowed.returncode, allowed.stdout.strip()) == (0, "allowed")
    assert (denied.returncode, denied.stdout.strip()) == (1, "denied")
    assert why.stdout.splitlines()[:2] == [
        "allowed",
        "decided by: p, auditor, *, work_stream, read, allow",
    ]
    assert table.returncode == 0, table.stdout + table.stderr
    rows = [
        line
        for line in (PROJECT_ROOT / "policies" / "decisions" / "baseline.csv")
        .read_text()
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert table.stdout.strip().endswith(f"{len(rows)} passed, 0 failed")


def test_policy_add_diff_remove(database: Path, project_root: Path) -> None:
    rule = ("national_team_member", "bangladesh", "read", "work_stream:restricted", "--deny")
    added = hub(database, "policy", "add", *rule)
    drift = hub(database, "policy", "diff", str(project_root / "policies"))
    dry = hub(database, "policy", "apply", str(project_root / "policies"), "--dry-run")
    exported = hub(database, "policy", "export")
    removed = hub(database, "policy", "remove", *rule)
    again = hub(database, "policy", "remove", *rule)
    line = (
        "p, national_team_member, /global/asia-pacific/bangladesh, "
        "work_stream:restricted, read, deny"
    )
    assert added.stdout.strip() == f"added: {line}"
    assert (drift.returncode, drift.stdout.strip()) == (1, f"- {line}")
    assert dry.stdout.strip().endswith("dry run: nothing applied")
    assert line in exported.stdout
    assert removed.stdout.strip() == f"removed: {line}"
    assert again.returncode == 1
    assert "no such rule" in again.stderr


def test_production_refuses_the_default_secret_key(database: Path) -> None:
    env = {
        **os.environ,
        "HUB_ENVIRONMENT": "production",
        "HUB_DATABASE_URL": f"sqlite://{database}",
    }
    env.pop("HUB_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "-m", "hub", "serve", "--port", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "HUB_SECRET_KEY is the development default" in result.stderr


def test_a_malformed_setting_is_a_message_not_a_traceback(database: Path) -> None:
    env = {**os.environ, "HUB_DATABASE_URL": f"sqlite://{database}", "HUB_PORT": "abc"}
    result = subprocess.run(
        [sys.executable, "-m", "hub", "tenants", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Error: bad setting: HUB_PORT=abc:")
    assert len(result.stderr.splitlines()) == 1


def test_a_command_never_creates_the_database_it_reads(tmp_path: Path) -> None:
    # given a folder without a database
    database = tmp_path / "var" / "hub.sqlite3"

    # when a read-only command runs there
    result = hub(database, "tenants", "list")

    # then it says how to create one, exits 3 and leaves nothing behind
    assert result.returncode == 3, result.stderr
    assert "hub migrate" in result.stderr
    assert "Traceback" not in result.stderr
    assert not database.exists()
    assert not database.parent.exists()


def test_version(tmp_path: Path) -> None:
    result = hub(tmp_path / "none.sqlite3", "--version")
    assert result.returncode == 0
    assert result.stdout.startswith("hub, version ")
