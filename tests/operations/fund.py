"""Run cases for schema/operations/fund.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    DONOR,
    FUND_MANAGER,
    GLOBAL_PARTNER,
    STEERING,
    Operations,
    nodes,
    organisation_id,
    runs,
)


async def fund_id(ops: Operations) -> str:
    data = await ops.data("fund.graphql", "FundOverview", user=FUND_MANAGER)
    return str(nodes(data["funds"])[0]["id"])


@runs("fund.graphql", "FundOverview")
async def fund_overview(ops: Operations) -> None:
    data = await ops.data("fund.graphql", "FundOverview", user=GLOBAL_PARTNER)

    (fund,) = nodes(data["funds"])
    assert fund["target"] == {"amount": "25000000.00", "currency": "USD"}
    assert fund["totals"]["committed"]["currency"] == "USD"
    assert fund["totals"]["gapToTarget"]["amount"] != "0.00"
    assert [area["number"] for area in fund["thematicAreas"]] == [1, 2, 3, 4, 5]
    assert any(area["projects"] for area in fund["thematicAreas"])
    assert {m["status"] for m in fund["mous"]} == {"DRAFTED", "SIGNED"}
    civil_society = [m for m in fund["steeringCommittee"] if m["seat"] == "CIVIL_SOCIETY"]
    assert len(civil_society) == 2
    assert all(m["selection"] for m in civil_society)
    converted = fund["totals"]["converted"]
    assert [r["currency"] for r in converted["ratesUsed"]] == ["EUR"]
    assert converted["unconverted"] == []
    assert all(p["allocations"] for a in fund["thematicAreas"] for p in a["projects"])


@runs("fund.graphql", "FundPledges")
async def fund_pledges(ops: Operations) -> None:
    fund = await fund_id(ops)

    steering = await ops.data("fund.graphql", "FundPledges", {"fund": fund}, user=STEERING)
    donor = await ops.data("fund.graphql", "FundPledges", {"fund": fund}, user=DONOR)

    donors = {p["donor"]["name"] for p in nodes(steering["node"]["pledges"])}
    assert len(donors) == 4
    published = nodes(donor["node"]["pledges"])
    assert published
    assert {p["classification"] for p in published} == {"PUBLIC"}


@runs("fund.graphql", "RecordPledge")
async def record_pledge(ops: Operations) -> None:
    fund = await fund_id(ops)
    donor = await organisation_id("Donor government D (demo)")

    data = await ops.data(
        "fund.graphql",
        "RecordPledge",
        {"input": {"fund": fund, "donor": donor, "amount": "750000", "currency": "EUR"}},
        user=FUND_MANAGER,
    )

    pledge = data["recordPledge"]
    assert pledge["errors"] == []
    assert pledge["pledge"]["status"] == "OUTREACH"
    assert pledge["pledge"]["amount"] == {"amount": "750000.00", "currency": "EUR"}


@runs("fund.graphql", "ChangePledgeStatus")
async def change_pledge_status(ops: Operations) -> None:
    fund = await fund_id(ops)
    donor = await organisation_id("Donor government D (demo)")
    recorded = await ops.data(
        "fund.graphql",
        "RecordPledge",
        {"input": {"fund": fund, "donor": donor, "amount": "100000", "currency": "USD"}},
        user=FUND_MANAGER,
    )
    pledge = recorded["recordPledge"]["pledge"]["id"]

    data = await ops.data(
        "fund.graphql",
        "ChangePledgeStatus",
        {"input": {"id": pledge, "status": "PLEDGED"}},
        user=FUND_MANAGER,
    )

    assert data["changePledgeStatus"]["errors"] == []
    assert data["changePledgeStatus"]["pledge"]["status"] == "PLEDGED"
