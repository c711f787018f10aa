"""Reach: how far a readable record travels beyond the tenant subtree it lives in, as the
policy's p2 rules say, decided by Casbin and explained to administrators."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette

from hub.access.decisions import Decisions
from hub.access.inspection import explain
from hub.access.models import CasbinRule
from hub.access.policy_files import Rule, read_policy_dir
from hub.access.resources import Action, Resource
from hub.core.errors import BadUserInput
from tests.cli.test_policy_cli import hub_all

TEAM = "team.bangladesh@network.example.org"
BANGLADESH = "/global/asia-pacific/bangladesh"
GLOBAL = "/global"
SPAIN = "/global/europe-central-asia/spain"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("p2, role, fund:network, read", "4 fields"),
        ("p2, role, fund:network, read, sideways", "up, network or hubs"),
        ("p2, role, fund:network, read, hubs", "its subject is every caller"),
        ("p2, role, fund:network, update, up", "only read travels"),
        ("p2, *, fund:restricted, read, up", "restricted and confidential records travel only"),
        ("p2, *, fund, read, network", "restricted and confidential records travel only"),
        ("p2, *, advocacy_note:confidential, read, up", "travel only to a role"),
        ("p2, rol, fund:network, read, up", "unknown role 'rol'"),
        ("p2, role, fnd:network, read, up", "unknown resource 'fnd'"),
    ],
)
def test_a_reach_rule_that_would_let_too_much_travel_is_refused(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "roles.csv").write_text(f"# comment\n\n{line}\nrole, role\n")
    with pytest.raises(BadUserInput, match=message) as error:
        read_policy_dir(tmp_path)
    assert error.value.message.startswith(f"{tmp_path / 'roles.csv'}:3: ")


def test_a_named_role_may_be_given_a_restricted_reach(tmp_path: Path) -> None:
    (tmp_path / "roles.csv").write_text("role, role\np2, role, fund:restricted, read, network\n")
    assert Rule("p2", ("role", "fund:restricted", "read", "network")) in read_policy_dir(tmp_path)


async def test_a_record_travels_only_when_the_caller_reads_it_at_home_and_a_rule_lets_it(
    app: Starlette, network: None
) -> None:
    # given a national team member, whose role reads the fund at NETWORK but not RESTRICTED
    decisions = Decisions(app.state.access, TEAM, BANGLADESH)
    # then the fund at NETWORK travels down from above, the RESTRICTED one does not, and
    # nothing travels across from a sibling region but what is PUBLIC and meant to
    assert decisions.travels("fund:network", Action.READ, GLOBAL)
    assert not decisions.travels("fund:restricted", Action.READ, GLOBAL)
    assert not decisions.travels("fund:network", Action.READ, SPAIN)
    assert not decisions.travels("work_stream:network", Action.READ, SPAIN)
    assert decisions.travels("knowledge_resource:public", Action.READ, SPAIN)
    assert not decisions.travels("advocacy_note:network", Action.READ, GLOBAL)
    # and writing never travels, nor does a record of the caller's own subtree
    assert not decisions.travels("fund:network", Action.UPDATE, GLOBAL)
    assert not decisions.travels("fund:network", Action.READ, BANGLADESH + "/dhaka")


async def test_the_reach_rule_named_for_a_role_lets_only_that_role_go_further(
    app: Starlette, network: None
) -> None:
    # given a rule for network coordinators' RESTRICTED work streams
    await CasbinRule.create(
        ptype="p2", v0="network_coordinator", v1="work_stream:restricted", v2="read", v3="network"
    )
    await app.state.access.load()
    coordinator = Decisions(app.state.access, "network_coordinator", BANGLADESH)
    team = Decisions(app.state.access, "national_team_member", BANGLADESH)
    # then the coordinator's RESTRICTED work streams come from anywhere, the team's not
    assert coordinator.travels("work_stream:restricted", Action.READ, SPAIN)
    assert not team.travels("work_stream:restricted", Action.READ, SPAIN)


async def test_the_sql_scope_widens_only_when_asked_and_only_for_writes_never(
    app: Starlette, network: None
) -> None:
    decisions = Decisions(app.state.access, TEAM, BANGLADESH)
    subtree = decisions.scope(Resource.FUND)
    widened = decisions.scope(Resource.FUND, network=True)
    written = decisions.scope(Resource.FUND, Action.UPDATE, network=True)
    assert subtree is not None
    assert widened is not None
    assert str(widened) != str(subtree)
    assert written == decisions.scope(Resource.FUND, Action.UPDATE)
    assert "consultation|*|public" in decisions.reach_setting
    assert "fund|/global|network" in decisions.reach_setting
    assert "fund|/global|restricted" not in decisions.reach_setting
    assert "advocacy_note" not in decisions.reach_setting
    assert "knowledge_resource|*|public" in decisions.reach_setting


async def test_explain_names_the_rule_that_let_a_record_travel(
    app: Starlette, network: None
) -> None:
    travelled = explain(app.state.access, TEAM, BANGLADESH, "fund:network", "read", GLOBAL)
    stayed = explain(app.state.access, TEAM, BANGLADESH, "fund:restricted", "read", GLOBAL)
    across = explain(app.state.access, TEAM, BANGLADESH, "work_stream:network", "read", SPAIN)
    assert travelled.allowed
    assert travelled.reach == Rule("p2", ("*", "fund:network", "read", "up"))
    assert f"travels from {GLOBAL} by: p2, *, fund:network, read, up" in travelled.lines()
    assert not stayed.allowed
    assert not across.allowed
    assert across.reach is None
    assert f"no reach rule (p2) lets a record of {SPAIN} travel here" in across.lines()


async def test_check_and_explain_take_the_records_tenant(database_url: str, network: None) -> None:
    cases: list[tuple[tuple[str, ...], int, str]] = [
        (("check", TEAM, "bangladesh", "read", "fund:network", "--from", "global"), 0, "allowed"),
        (("check", TEAM, "bangladesh", "read", "fund:restricted", "--from", "global"), 1, "denied"),
        (
            ("explain", TEAM, "bangladesh", "read", "fund:network", "--from", "global"),
            0,
            "travels from /global by: p2, *, fund:network, read, up",
        ),
        (
            ("explain", TEAM, "bangladesh", "read", "work_stream:network", "--from", "spain"),
            1,
            "no reach rule (p2) lets a record of /global/europe-central-asia/spain travel here",
        ),
        (("check", TEAM, "bangladesh", "read", "fund", "--from", "nowhere"), 2, "known tenants"),
    ]
    runs = await hub_all(database_url, [("policy", *args) for args, _, _ in cases])
    for (args, code, text), run in zip(cases, runs, strict=True):
        assert run.code == code, (args, run)
        assert text in (run.out if code < 2 else run.err), (args, run)
        assert "Traceback" not in run.err
