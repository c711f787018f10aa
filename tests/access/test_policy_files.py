from __future__ import annotations

from pathlib import Path

import pytest

from hub.access.policy_files import Rule, diff, read_policy_dir
from hub.access.service import apply_rules, stored_rules
from hub.core.errors import BadUserInput


def test_baseline_policies_parse(project_root: Path) -> None:
    rules = read_policy_dir(project_root / "policies")
    assert Rule("p", ("auditor", "*", "work_stream", "read", "allow")) in rules
    assert Rule("role", ("auditor",)) in rules
    assert {rule.ptype for rule in rules} == {"p", "p2", "role"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("q, a, b, c", "unknown rule type"),
        ("role, Auditor", "one role name in lower case"),
        ("role, auditor, reads", "one role name in lower case"),
        ("p, role, *, work_stream, read", "5 fields"),
        ("p, role, global, work_stream, read, allow", "neither '\\*' nor a tenant path"),
        ("p, role, *, work_stream, fly, allow", "unknown action"),
        ("p, role, *, work_stream, read, maybe", "allow or deny"),
        ("g, someone@example.org, role", "3 fields"),
        ("p, role, *, , read, allow", "object is empty"),
    ],
)
def test_bad_rules_are_explained_with_file_and_line(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "roles.csv").write_text(f"# comment\n\n{line}\nrole, role\n")
    with pytest.raises(BadUserInput, match=message) as error:
        read_policy_dir(tmp_path)
    assert error.value.message.startswith(f"{tmp_path / 'roles.csv'}:3: ")


def test_diff_keeps_grants_to_people() -> None:
    grant = Rule("g", ("a@example.org", "auditor", "/global"))
    old = Rule("p", ("auditor", "*", "work_stream", "update", "allow"))
    new = Rule("p", ("auditor", "*", "work_stream", "read", "allow"))
    change = diff([grant, old], [new])
    assert change.added == [new]
    assert change.removed == [old]


async def test_apply_makes_the_database_match_the_files(db: None, project_root: Path) -> None:
    # given
    desired = read_policy_dir(project_root / "policies")
    stale = Rule("p", ("auditor", "*", "work_stream", "update", "allow"))
    await apply_rules([*desired, stale], actor="test")
    # when
    change = await apply_rules(desired, actor="test")
    again = await apply_rules(desired, actor="test")
    # then
    assert change.removed == [stale]
    assert again.empty
    assert await stored_rules() == desired


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "p, national_team_membr, *, work_stream, read, allow",
            "unknown role 'national_team_membr'; known roles: national_team_member, auditor "
            "(a new role is declared in a policy file: `role, national_team_membr`)",
        ),
        (
            "p, auditor, *, work_steam, read, allow",
            "unknown resource 'work_steam'; known resources: work_stream, ",
        ),
        ("p, auditor, *, proposl, read, allow", "known resources: proposal, "),
        (
            "p, auditor, *, work_stream:RESTRICTED, read, allow",
            "unknown classification 'RESTRICTED'; known classifications: restricted, ",
        ),
        ("p, auditor, *, work_stream, raed, allow", "unknown action 'raed'; known actions: read"),
        ("p, auditor, *, read, work_stream, allow", "'work_stream' is an object and 'read'"),
        ("p, auditor, *, work_stream, grant, allow", "grant is taken on role:NAME objects"),
        ("p, auditor, *, role:national_team_membr, grant, allow", "known roles: national_team"),
        ("p, Partner@Example.org, *, work_stream, read, allow", "an email address in lower case"),
        ("p, org:acme, *, work_stream, read, allow", "not org: followed by an organisation id"),
        ("g, a@example.org, auditr, /global", "unknown role 'auditr'; known roles: auditor"),
    ],
)
def test_unknown_names_are_refused_with_the_known_ones_closest_first(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "roles.csv").write_text(f"role, national_team_member\nrole, auditor\n{line}\n")
    with pytest.raises(BadUserInput) as error:
        read_policy_dir(tmp_path)
    assert error.value.message.startswith(f"{tmp_path / 'roles.csv'}:3: ")
    assert message in error.value.message


def test_forms_valid_before_names_were_checked_stay_valid(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text(
        "role, auditor\n"
        "p, auditor, *, *, read, allow\n"
        "p, auditor, /global/asia-pacific, fund.pledge:public, read, allow\n"
        "p, auditor, *, work_stream:6f1c0a52-3d6e-4c43-9a37-0f1d2c3b4a59, read, deny\n"
        "p, partner@civil-society.example.org, *, work_stream, read, allow\n"
        "p, org:6f1c0a52-3d6e-4c43-9a37-0f1d2c3b4a59, *, proposal:network, create, allow\n"
        "p, auditor, *, role:auditor, grant, allow\n"
        "p, auditor, *, role, grant, allow\n"
        "g, a@example.org, auditor, /global\n"
    )
    assert len(read_policy_dir(tmp_path)) == 9


def test_tenant_paths_are_checked_when_known(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text(
        "role, auditor\np, auditor, /global/asia-pacifc, work_stream, read, allow\n"
    )
    paths = frozenset({"/global", "/global/asia-pacific", "/global/europe-central-asia"})
    assert read_policy_dir(tmp_path) != []
    with pytest.raises(BadUserInput, match="known tenant paths: /global/asia-pacific, "):
        read_policy_dir(tmp_path, paths)


def test_every_problem_of_every_file_is_listed_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("role, auditor\np, auditr, *, work_steam, read, allow\n")
    (tmp_path / "b.csv").write_text("p, auditor, *, work_stream, raed, allow\n")
    with pytest.raises(BadUserInput) as error:
        read_policy_dir(tmp_path)
    assert [line.split(": ", 1)[0] for line in error.value.message.splitlines()] == [
        f"{tmp_path / 'a.csv'}:2",
        f"{tmp_path / 'a.csv'}:2",
        f"{tmp_path / 'b.csv'}:1",
    ]
