"""``hub policy`` and ``hub users`` as administrators run them, on the suite's database
(SQLite or PostgreSQL): every name checked, one argument order, JSON, shared exit codes."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hub.access.models import CasbinRule
from hub.core.config import PROJECT_ROOT

POLICIES = PROJECT_ROOT / "policies"
TEAM = "team.bangladesh@network.example.org"
ADMIN = "admin@network.example.org"
BANGLADESH = "/global/asia-pacific/bangladesh"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


def _run(database_url: str, args: tuple[str, ...], stdin: str | None) -> Run:
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_SECRET_KEY": "x" * 32}
    done = subprocess.run(
        [sys.executable, "-m", "hub", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


async def hub(database_url: str, *args: str, stdin: str | None = None) -> Run:
    return await asyncio.to_thread(_run, database_url, args, stdin)


async def hub_all(database_url: str, commands: list[tuple[str, ...]]) -> list[Run]:
    """Commands that change nothing, two at a time: each process takes a second to start."""
    slots = asyncio.Semaphore(2)

    async def one(args: tuple[str, ...]) -> Run:
        async with slots:
            return await hub(database_url, *args)

    return list(await asyncio.gather(*(one(args) for args in commands)))


async def _rules() -> list[tuple[str, ...]]:
    return sorted(await CasbinRule.all().values_list("ptype", "v0", "v1", "v2", "v3", "v4"))


async def test_a_rule_or_grant_naming_anything_unknown_is_refused_with_the_known_names(
    database_url: str, network: None
) -> None:
    # given
    before = await _rules()
    cases: list[tuple[tuple[str, ...], str]] = [
        (
            ("policy", "add", "national_team_membr", "bangladesh", "read", "work_stream"),
            "unknown role 'national_team_membr'; known roles: national_team_member, ",
        ),
        (
            ("policy", "add", "national_team_member", "bangladesh", "read", "work_steam"),
            "unknown resource 'work_steam'; known resources: work_stream, ",
        ),
        (
            ("policy", "add", "auditor", "*", "read", "proposl:restricted", "--deny"),
            "unknown resource 'proposl'; known resources: proposal, ",
        ),
        (
            ("policy", "add", "auditor", "*", "read", "work_stream:restricte"),
            "unknown classification 'restricte'; known classifications: restricted, ",
        ),
        (
            ("policy", "add", "auditor", "/global/asia-pacifc/bangladesh", "read", "work_stream"),
            "known tenant paths: /global/asia-pacific/bangladesh, ",
        ),
        (
            ("policy", "add", "auditor", "bangladsh", "read", "work_stream"),
            "No tenant has the slug 'bangladsh'; known tenants: bangladesh, ",
        ),
        (
            ("policy", "add", "auditor", "*", "fly", "work_stream"),
            "unknown action 'fly'; known actions: ",
        ),
        (
            # the order of `hub policy add` until the commands shared one
            ("policy", "add", "auditor", "*", "work_stream", "read"),
            "'work_stream' is an object and 'read' an action",
        ),
        (
            ("policy", "add", "tenant_admin", "*", "read", "role:auditor"),
            "a role:NAME object takes the action grant",
        ),
        (
            ("policy", "add", "tenant_admin", "*", "grant", "role:auditr"),
            "unknown role 'auditr'; known roles: auditor, ",
        ),
        (
            ("policy", "remove", "auditor", "*", "read", "work_steam"),
            "unknown resource 'work_steam'",
        ),
        (
            ("users", "grant", "a@example.org", "national_team_membr", "--tenant", "bangladesh"),
            "nknown role 'national_team_membr'; known roles: national_team_member, ",
        ),
        (
            ("users", "revoke", TEAM, "national_team_membr", "--tenant", "bangladesh"),
            "unknown role 'national_team_membr'; known roles: national_team_member, ",
        ),
    ]
    # when
    runs = await hub_all(database_url, [args for args, _ in cases])
    # then
    for (args, message), run in zip(cases, runs, strict=True):
        assert (run.code, run.out) == (2, ""), (args, run)
        assert message in run.err, (args, run.err)
        assert "Traceback" not in run.err
    assert await _rules() == before


async def test_rules_take_the_decision_tables_order_and_remove_says_when_there_is_none(
    database_url: str, network: None
) -> None:
    rule = ("national_team_member", "bangladesh", "read", "work_stream:restricted", "--deny")
    line = f"p, national_team_member, {BANGLADESH}, work_stream:restricted, read, deny"

    added = await hub(database_url, "policy", "add", *rule)
    again = await hub(database_url, "policy", "add", *rule)
    denied = await hub(database_url, "policy", "check", TEAM, "bangladesh", *rule[2:4])
    removed = await hub(database_url, "policy", "remove", *rule)
    gone = await hub(database_url, "policy", "remove", *rule)

    assert (added.code, added.out.strip()) == (0, f"added: {line}")
    assert (again.code, again.out.strip()) == (0, f"already there: {line}")
    assert (denied.code, denied.out.strip()) == (1, "denied")
    assert (removed.code, removed.out.strip()) == (0, f"removed: {line}")
    assert gone.code == 1
    assert f"no such rule: {line}" in gone.err


async def test_a_rule_stored_before_names_were_checked_can_still_be_removed(
    database_url: str, network: None
) -> None:
    # given a rule no command would store now
    await CasbinRule.create(ptype="p", v0="auditor", v1="*", v2="work_steam", v3="read", v4="allow")
    # when
    removed = await hub(database_url, "policy", "remove", "auditor", "*", "read", "work_steam")
    # then
    assert (removed.code, removed.out.strip()) == (
        0,
        "removed: p, auditor, *, work_steam, read, allow",
    )


async def test_check_and_explain_refuse_what_they_cannot_answer(
    database_url: str, network: None
) -> None:
    cases: list[tuple[tuple[str, ...], int, str]] = [
        (("check", TEAM, "dhaka", "read", "work_stream:restricted"), 0, "allowed"),
        (("check", TEAM, "dhaka", "read", "work_stream:confidential"), 1, "denied"),
        (("check", TEAM, "dhaka", "work_stream:restricted", "read"), 2, "the action comes"),
        (("check", TEAM, "dhaka", "fly", "work_stream"), 2, "unknown action 'fly'"),
        (("check", TEAM, "dhaka", "read", "work_steam"), 2, "known resources: work_stream"),
        (("check", "nobody@example.org", "dhaka", "read", "work_stream"), 2, "no user"),
        (("check", "role:auditr", "dhaka", "read", "work_stream"), 2, "known roles: auditor"),
        (("check", TEAM, "dhaka-north", "read", "work_stream"), 2, "known tenants: dhaka"),
        (("check", TEAM, "read", "work_stream", "--tenant", "dhaka"), 2, "No such option"),
        (("explain", TEAM, "dhaka", "work_stream", "read"), 2, "the action comes"),
        (("explain", TEAM, "dhaka", "read", "work_stream:confidential"), 1, "denied"),
        (
            ("explain", ADMIN, "bangladesh", "grant", "role:national_team_member"),
            0,
            "decided by: p, tenant_admin, *, role:national_team_member, grant, allow",
        ),
    ]
    runs = await hub_all(database_url, [("policy", *args) for args, _, _ in cases])
    for (args, code, text), run in zip(cases, runs, strict=True):
        assert run.code == code, (args, run)
        assert text in (run.out if code < 2 else run.err), (args, run)
        assert "Traceback" not in run.err


async def test_policy_files_are_checked_by_diff_dry_run_and_apply(
    database_url: str, network: None, tmp_path: Path
) -> None:
    # given the baseline and a file with a typo in every field
    shutil.copy(POLICIES / "roles.csv", tmp_path / "roles.csv")
    bad = tmp_path / "bangladesh.csv"
    bad.write_text(
        "# a local rule\n"
        "p, national_team_membr, /global/asia-pacifc/bangladesh, work_steam, read, deny\n"
    )
    before = await _rules()
    # when
    runs = await hub_all(
        database_url,
        [
            ("policy", "diff", str(tmp_path)),
            ("policy", "apply", str(tmp_path), "--dry-run"),
            ("policy", "apply", str(tmp_path), "--yes"),
        ],
    )
    # then
    for run in runs:
        assert (run.code, run.out) == (2, ""), run
        assert f"{bad}:2: unknown role 'national_team_membr'" in run.err
        assert "known tenant paths: /global/asia-pacific/bangladesh," in run.err
        assert "known resources: work_stream," in run.err
    assert await _rules() == before


async def test_a_new_role_is_declared_in_a_file_and_a_held_role_stays_declared(
    database_url: str, network: None, tmp_path: Path
) -> None:
    # given a file declaring a new role and giving it a permission
    shutil.copy(POLICIES / "roles.csv", tmp_path / "roles.csv")
    (tmp_path / "desk.csv").write_text(
        "role, migration_desk\np, migration_desk, *, work_stream:public, read, allow\n"
    )
    # when
    applied = await hub(database_url, "policy", "apply", str(tmp_path), "--yes")
    granted = await hub(
        database_url, "users", "grant", "desk@example.org", "migration_desk", "--tenant", "spain"
    )
    (tmp_path / "desk.csv").unlink()
    dropped = await hub(database_url, "policy", "apply", str(tmp_path), "--yes")
    # then
    assert applied.code == 0, applied.err
    assert "+ role, migration_desk" in applied.out
    assert granted.code == 0, granted.err
    assert dropped.code == 2
    assert "role 'migration_desk' is held by 1 grant(s), e.g. desk@example.org in " in dropped.err


async def test_json_documents_and_exit_codes(
    database_url: str, network: None, tmp_path: Path
) -> None:
    # given a decision table with one wrong expectation, and a stored rule no file has
    table = tmp_path / "decisions.csv"
    table.write_text(
        "role:auditor, spain, read, work_stream, allow\n"
        "role:auditor, spain, update, work_stream, allow\n"
    )
    typo = tmp_path / "typo.csv"
    typo.write_text("role:auditor, spain, raed, work_stream, deny\n")
    await CasbinRule.create(
        ptype="p", v0="auditor", v1=BANGLADESH, v2="work_stream", v3="update", v4="deny"
    )
    # when
    (
        listed,
        exported,
        check,
        explained,
        tested,
        mistyped,
        differs,
        grants,
    ) = await hub_all(
        database_url,
        [
            ("policy", "list", "--json"),
            ("policy", "export", "--json"),
            ("policy", "check", TEAM, "dhaka", "read", "work_stream:confidential", "--json"),
            ("policy", "explain", TEAM, "dhaka", "read", "work_stream:restricted", "--json"),
            ("policy", "test", str(table), "--json"),
            ("policy", "test", str(typo), "--json"),
            ("policy", "diff", str(POLICIES), "--json"),
            ("users", "list", "--email", TEAM, "--json"),
        ],
    )
    # then
    rules = listed.json()["rules"]  # type: ignore[index]
    assert listed.code == 0
    assert {"kind": "role", "role": "auditor", "line": "role, auditor"} in rules
    assert any(r["kind"] == "g" and r["subject"] == TEAM for r in rules)
    assert not any(r["kind"] == "g" for r in exported.json()["rules"])  # type: ignore[index]
    assert (check.code, check.json()) == (
        1,
        {
            "user": TEAM,
            "tenant": f"{BANGLADESH}/dhaka",
            "action": "read",
            "object": "work_stream:confidential",
            "allowed": False,
            "decision": "deny",
        },
    )
    why = explained.json()
    assert explained.code == 0
    assert why["rule"]["line"] == (  # type: ignore[index]
        "p, national_team_member, *, work_stream:restricted, read, allow"
    )
    assert why["through"] == [  # type: ignore[index]
        {"role": "national_team_member", "tenant": BANGLADESH}
    ]
    assert tested.code == 1
    assert tested.json() == {
        "passed": 1,
        "failed": 1,
        "mismatches": [
            {
                "where": f"{table}:2",
                "user": "role:auditor",
                "tenant": "spain",
                "action": "update",
                "object": "work_stream",
                "expected": "allow",
                "actual": "deny",
            }
        ],
    }
    assert (mistyped.code, mistyped.out) == (2, "")
    assert f"{typo}:1: unknown action 'raed'; known actions: read, " in mistyped.err
    assert differs.code == 1
    assert differs.json() == {
        "added": [],
        "removed": [
            {
                "kind": "p",
                "subject": "auditor",
                "domain": BANGLADESH,
                "object": "work_stream",
                "action": "update",
                "effect": "deny",
                "line": f"p, auditor, {BANGLADESH}, work_stream, update, deny",
            }
        ],
    }
    assert (grants.code, grants.json()) == (
        0,
        {"grants": [{"user": TEAM, "role": "national_team_member", "tenant": BANGLADESH}]},
    )
