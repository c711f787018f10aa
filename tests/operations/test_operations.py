"""schema/operations: the front end's own queries and mutations. Each file parses,
validates against the schema and passes the hub's limits, and each operation runs over HTTP
against the demo network as the demo user it is written for."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import specified_rules, validate

from hub.api.limits import LimitsRule
from hub.api.schema import schema
from tests.conftest import Client
from tests.operations import (  # noqa: F401  (importing a module registers its run cases)
    access,
    advocacy,
    consultation,
    consultation_running,
    dashboard,
    directory,
    fund,
    fund_setup,
    initiatives,
    knowledge,
    labels,
    live,
    proposals,
    reports,
    work_plan,
    work_stream,
)
from tests.operations.runner import (
    CASES,
    DONOR,
    GLOBAL_PARTNER,
    PARTNER,
    TEAM_BANGLADESH,
    Operations,
    declared_operations,
    nodes,
    operation_files,
    operations_of,
    parse_file,
)


@pytest.mark.parametrize("path", operation_files(), ids=lambda p: p.name)
def test_each_file_parses_validates_and_passes_the_limits(path: Path) -> None:
    document = parse_file(path)

    errors = validate(schema._schema, document, [*specified_rules, LimitsRule])

    assert errors == []
    assert operations_of(document)
    assert all(operation.name is not None for operation in operations_of(document))


def test_operation_names_are_unique_across_files() -> None:
    names = [name for _, name in declared_operations()]

    assert len(names) == len(set(names))


def test_every_operation_has_a_run_case() -> None:
    declared = declared_operations()

    assert {path.stem for path in operation_files()} >= {
        "dashboard",
        "consultation",
        "proposals",
        "fund",
        "work_stream",
        "advocacy",
    }
    assert sorted(declared - set(CASES)) == [], "add a @runs case for these operations"
    assert sorted(set(CASES) - declared) == [], "these cases run operations that are gone"


@pytest.mark.parametrize("key", sorted(CASES), ids=lambda key: f"{key[0]}:{key[1]}")
async def test_operation_runs_against_the_demo_network(
    client: Client, key: tuple[str, str]
) -> None:
    await CASES[key](Operations(client))


# --- where a role lacks the right ----------------------------------------------------------


async def test_the_donor_may_not_open_the_advocacy_register(client: Client) -> None:
    reply = await Operations(client).run("advocacy.graphql", "AdvocacyRegister", user=DONOR)

    assert reply.status == 200
    assert reply.data is None
    assert reply.codes == ["FORBIDDEN"]


async def test_the_donor_has_no_tenant_dashboard(client: Client) -> None:
    reply = await Operations(client).run("dashboard.graphql", "Dashboard", user=DONOR)

    assert reply.data is None
    assert reply.codes == ["FORBIDDEN"]
    assert reply.errors[0]["path"] == ["workStreams"]


async def test_the_partner_dashboard_shows_only_what_partners_may_see(client: Client) -> None:
    ops = Operations(client)

    partner = await ops.data("dashboard.graphql", "Dashboard", user=PARTNER)
    team = await ops.data("dashboard.graphql", "Dashboard", user=TEAM_BANGLADESH)

    assert partner["viewer"]["tenant"]["slug"] == "bangladesh"
    seen = {s["classification"] for s in nodes(partner["workStreams"])}
    assert seen <= {"PUBLIC", "NETWORK"}
    assert partner["workStreams"]["totalCount"] <= team["workStreams"]["totalCount"]


async def test_pledges_by_donor_are_forbidden_to_a_partner(client: Client) -> None:
    ops = Operations(client)
    fund_id = await fund.fund_id(ops)

    reply = await ops.run("fund.graphql", "FundPledges", {"fund": fund_id}, user=GLOBAL_PARTNER)

    assert reply.data["node"]["name"]
    assert reply.data["node"]["pledges"] is None
    assert reply.codes == ["FORBIDDEN"]
    assert reply.errors[0]["path"] == ["node", "pledges"]


async def test_a_partner_may_not_review_proposals(client: Client) -> None:
    ops = Operations(client)
    proposal = (await proposals.submitted(ops, PARTNER))[0]

    reply = await ops.run(
        "proposals.graphql",
        "ReviewProposal",
        {"input": {"id": proposal["id"], "status": "UNDER_REVIEW"}},
        user=PARTNER,
    )

    assert reply.data == {"reviewProposal": None}
    assert reply.codes == ["FORBIDDEN"]
