"""Adversarial: the fund, and above all who pledged what, stay within the roles that may
see them."""

from __future__ import annotations

from hub.access.service import grant_role
from hub.directory.models import Organisation
from hub.fund.models import Fund, Pledge, ThematicArea
from tests.conftest import Client, relay_id
from tests.fund.queries import (
    CREATE_PROJECT,
    DONOR,
    GLOBAL_PARTNER,
    MOVE,
    NODE,
    OVERVIEW,
    PARTNER,
    PLEDGES,
    RECORD,
)

REGIONAL_MANAGER = "fund.manager.asia@network.example.org"


async def _restricted_pledge_id() -> str:
    pledge = await Pledge.get(classification="restricted", status="signed")
    return relay_id("Pledge", pledge.id)


NETWORK_FUNDS = """
{ funds(scope: NETWORK) { totalCount edges { node {
    id name thematicAreas { number } totals { committed { amount currency } }
    pledges(first: 10) { totalCount } } } } }
"""


async def test_a_partner_below_the_funds_tenant_sees_it_and_its_totals_not_its_pledges(
    client: Client,
) -> None:
    # given the start-up fund, held in the global tenant, and a partner in Bangladesh
    fund = await Fund.get(name__startswith="Start-up Fund")
    fund_id = relay_id("Fund", fund.id)
    area = await ThematicArea.get(number=1)
    # when
    own = await client.gql(OVERVIEW, user=PARTNER)
    network = await client.gql(NETWORK_FUNDS, user=PARTNER)
    node = await client.gql(NODE, {"id": fund_id}, user=PARTNER)
    area_node = await client.gql(NODE, {"id": relay_id("ThematicArea", area.id)}, user=PARTNER)
    pledge = await client.gql(NODE, {"id": await _restricted_pledge_id()}, user=PARTNER)
    seen_by_owner = await client.gql(NETWORK_FUNDS, user=GLOBAL_PARTNER)
    # then its own tenant holds no fund, the network does: with the same totals as in
    # the global tenant, though who pledged what stays FORBIDDEN
    assert own.data["funds"] == {"totalCount": 0, "edges": []}
    [edge] = network.data["funds"]["edges"]
    assert edge["node"]["id"] == fund_id
    assert edge["node"]["thematicAreas"]
    assert edge["node"]["totals"] == seen_by_owner.data["funds"]["edges"][0]["node"]["totals"]
    assert edge["node"]["totals"]["committed"]["amount"] != "0.00"
    assert edge["node"]["pledges"] is None
    assert {e["extensions"]["code"] for e in network.errors} == {"FORBIDDEN"}
    assert node.data == {"node": {"id": fund_id}}
    assert area_node.data == {"node": {"id": relay_id("ThematicArea", area.id)}}
    assert pledge.data == {"node": None}


async def test_pledges_stay_hidden_on_every_path(client: Client) -> None:
    # given a partner of the global tenant, who sees the fund and its totals
    pledge_id = await _restricted_pledge_id()
    # when
    node = await client.gql(NODE, {"id": pledge_id}, user=GLOBAL_PARTNER)
    nodes = await client.gql(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [pledge_id]}, user=GLOBAL_PARTNER
    )
    aliased = await client.gql(
        "{ funds { edges { node { a: pledges(first: 1) { totalCount } "
        "b: pledges(first: 100) { edges { node { amount { amount } } } } } } } }",
        user=GLOBAL_PARTNER,
    )
    # then
    assert node.data == {"node": None}
    assert nodes.data == {"nodes": [None]}
    [edge] = aliased.data["funds"]["edges"]
    assert edge["node"] == {"a": None, "b": None}
    assert {e["extensions"]["code"] for e in aliased.errors} == {"FORBIDDEN"}


async def test_a_donor_reaches_published_pledges_only(client: Client) -> None:
    node = await client.gql(NODE, {"id": await _restricted_pledge_id()}, user=DONOR)
    listed = await client.gql(PLEDGES, {"first": 100}, user=DONOR)
    assert node.data == {"node": None}
    [edge] = listed.data["funds"]["edges"]
    assert {e["node"]["status"] for e in edge["node"]["pledges"]["edges"]} == {"RECEIVED"}


async def test_a_partner_cannot_record_or_move_pledges(client: Client) -> None:
    fund = await Fund.get(name__startswith="Start-up Fund")
    donor = await Organisation.get(name="Donor government D (demo)")
    before = await Pledge.all().count()
    record = await client.gql(
        RECORD,
        {
            "input": {
                "fund": relay_id("Fund", fund.id),
                "donor": relay_id("Organisation", donor.id),
                "amount": "1",
                "currency": "USD",
            }
        },
        user=GLOBAL_PARTNER,
    )
    move = await client.gql(
        MOVE,
        {"input": {"id": await _restricted_pledge_id(), "status": "RECEIVED"}},
        user=GLOBAL_PARTNER,
    )
    assert record.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert move.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Pledge.all().count() == before
    assert await Pledge.filter(status="received").count() == 1


async def test_a_fund_manager_of_a_region_cannot_change_the_global_fund(client: Client) -> None:
    # given a fund manager in Asia-Pacific only
    await grant_role(REGIONAL_MANAGER, "fund_manager", "asia-pacific", actor="test")
    await client.reload_policies()
    fund = await Fund.get(name__startswith="Start-up Fund")
    donor = await Organisation.get(name="Donor government D (demo)")
    area = await ThematicArea.get(number=1)
    before = await Pledge.all().count()
    # when
    record = await client.gql(
        RECORD,
        {
            "input": {
                "fund": relay_id("Fund", fund.id),
                "donor": relay_id("Organisation", donor.id),
                "amount": "1",
                "currency": "USD",
            }
        },
        user=REGIONAL_MANAGER,
    )
    move = await client.gql(
        MOVE,
        {"input": {"id": await _restricted_pledge_id(), "status": "RECEIVED"}},
        user=REGIONAL_MANAGER,
    )
    project = await client.gql(
        CREATE_PROJECT,
        {
            "input": {
                "thematicArea": relay_id("ThematicArea", area.id),
                "title": "From the side",
                "budget": "1",
                "currency": "USD",
            }
        },
        user=REGIONAL_MANAGER,
    )
    # then
    # the global fund reaches the region, but writing into it stays with the global
    # tenant; the donor, in the shared organisation directory, could be named
    assert [(e["field"], e["code"]) for e in record.data["recordPledge"]["errors"]] == [
        ("fund", "NOT_FOUND"),
    ]
    assert move.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert [(e["field"], e["code"]) for e in project.data["createFundProject"]["errors"]] == [
        ("thematicArea", "NOT_FOUND")
    ]
    assert await Pledge.all().count() == before
