from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from hub.access.inspection import explain, read_decision_table, run_decision_table
from hub.access.models import CasbinRule
from hub.core.errors import BadUserInput

DHAKA = "/global/asia-pacific/bangladesh/dhaka"


@pytest.mark.parametrize("table", ["baseline.csv", "demo-network.csv"])
async def test_shipped_decision_tables_hold(app: Starlette, project_root: Path, table: str) -> None:
    # given
    cases = read_decision_table(project_root / "policies" / "decisions" / table)
    # when
    results = await run_decision_table(app.state.access, cases)
    # then
    assert [r.case.where for r in results if not r.ok] == []


async def test_a_changed_rule_shows_up_as_a_mismatch(app: Starlette, project_root: Path) -> None:
    # given
    await CasbinRule.create(
        ptype="p", v0="auditor", v1="*", v2="work_stream", v3="update", v4="allow"
    )
    await app.state.access.load()
    cases = read_decision_table(project_root / "policies" / "decisions" / "baseline.csv")
    # when
    results = await run_decision_table(app.state.access, cases)
    # then
    [failure] = [r for r in results if not r.ok]
    assert (failure.case.who, failure.case.action, failure.actual) == (
        "role:auditor",
        "update",
        "allow",
    )


async def test_explain_names_the_rule_and_the_grant(app: Starlette) -> None:
    # given
    await CasbinRule.create(
        ptype="p",
        v0="national_team_member",
        v1=DHAKA,
        v2="work_stream:network",
        v3="read",
        v4="deny",
    )
    await app.state.access.load()
    # when
    denied = explain(
        app.state.access,
        "team.bangladesh@network.example.org",
        DHAKA,
        "work_stream:network",
        "read",
    )
    allowed = explain(
        app.state.access, "team.bangladesh@network.example.org", DHAKA, "work_stream:public", "read"
    )
    unmatched = explain(
        app.state.access, "partner@civil-society.example.org", DHAKA, "policy", "manage_policy"
    )
    # then
    assert denied.lines()[:3] == [
        "denied",
        f"decided by: p, national_team_member, {DHAKA}, work_stream:network, read, deny",
        "through the role national_team_member granted in /global/asia-pacific/bangladesh",
    ]
    assert allowed.lines()[:2] == [
        "allowed",
        "decided by: p, national_team_member, *, work_stream:public, read, allow",
    ]
    assert unmatched.allowed is False
    assert unmatched.rule is None


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("a@example.org, global, read", "5 fields"),
        ("a@example.org, global, read, work_stream, perhaps", "allow or deny"),
    ],
)
def test_bad_decision_rows_are_explained(tmp_path: Path, row: str, message: str) -> None:
    table = tmp_path / "t.csv"
    table.write_text(f"{row}\n")
    with pytest.raises(BadUserInput, match=message):
        read_decision_table(table)


async def test_unknown_tenant_in_a_table_is_explained(app: Starlette, tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    table.write_text("role:auditor, atlantis, read, work_stream, allow\n")
    with pytest.raises(BadUserInput, match="unknown tenant 'atlantis'; known tenants: "):
        await run_decision_table(app.state.access, read_decision_table(table))


async def test_a_row_naming_anything_unknown_is_an_error_not_a_deny(
    app: Starlette, tmp_path: Path
) -> None:
    # given rows that a typo would otherwise have passed as "deny"
    table = tmp_path / "t.csv"
    table.write_text(
        "role:auditor, spain, read, work_stream, allow\n"
        "role:auditr, spain, read, work_stream, deny\n"
        "nobody@example.org, spain, read, work_stream, deny\n"
        "role:auditor, spain, work_stream, read, deny\n"
        "role:auditor, spain, raed, work_stream, deny\n"
        "role:auditor, spain, read, work_steam, deny\n"
        "role:auditor, /global/europe-central-asia/spian, read, work_stream, deny\n"
    )
    # when
    with pytest.raises(BadUserInput) as error:
        await run_decision_table(app.state.access, read_decision_table(table))
    # then
    assert error.value.message.splitlines() == [
        f"{table}:2: unknown role 'auditr'; known roles: auditor, " + ROLES_AFTER_AUDITOR,
        f"{table}:3: no user has the email 'nobody@example.org' "
        "(a user is an email, role:NAME or org:ID)",
        f"{table}:4: 'work_stream' is an object and 'read' an action: "
        "the action comes before the object",
        f"{table}:5: unknown action 'raed'; known actions: read, " + ACTIONS_AFTER_READ,
        f"{table}:6: unknown resource 'work_steam'; known resources: work_stream, "
        + RESOURCES_AFTER_WORK_STREAM,
        f"{table}:7: unknown tenant path '/global/europe-central-asia/spian'; known tenant "
        "paths: /global/europe-central-asia/spain, /global/europe-central-asia, /global, "
        "/global/asia-pacific, /global/asia-pacific/bangladesh, "
        "/global/asia-pacific/bangladesh/dhaka",
    ]


ROLES_AFTER_AUDITOR = (
    "advocacy_officer, civil_society_partner, donor, fund_manager, national_team_member, "
    "network_coordinator, regional_focal_point, steering_committee_member, tenant_admin, "
    "work_stream_lead"
)
ACTIONS_AFTER_READ = (
    "erase, approve, archive, create, endorse, grant, manage_policy, publish, register, review, "
    "update"
)
RESOURCES_AFTER_WORK_STREAM = (
    "work_plan, advocacy_note, audit_log, consultation, contact, contact_details, fund, "
    "fund.pledge, initiative, knowledge_resource, organisation and 6 more"
)
