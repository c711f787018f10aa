from __future__ import annotations

from pathlib import Path

import pytest

from hub.access.policy_files import Rule, diff, read_policy_dir
from hub.access.service import apply_rules, stored_rules
from hub.errors import BadUserInput


def test_baseline_policies_parse(project_root: Path) -> None:
    rules = read_policy_dir(project_root / "policies")
    assert Rule("p", ("auditor", "*", "work_stream", "read", "allow")) in rules
    assert all(rule.ptype == "p" for rule in rules)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("q, a, b, c", "unknown rule type"),
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
    (tmp_path / "roles.csv").write_text(f"# comment\n\n{line}\n")
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
