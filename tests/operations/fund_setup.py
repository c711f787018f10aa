"""Run cases for schema/operations/fund_setup.graphql: the fund manager sets a fund up."""

from __future__ import annotations

from typing import Any

from tests.operations.runner import FUND_MANAGER, Operations, organisation_id, runs

FILE = "fund_setup.graphql"


async def _payload(ops: Operations, operation: str, variables: dict[str, Any]) -> Any:
    data = await ops.data(FILE, operation, variables, user=FUND_MANAGER)
    (payload,) = data.values()
    assert payload["errors"] == [], payload["errors"]
    return payload


async def _fund(ops: Operations) -> str:
    payload = await _payload(
        ops,
        "CreateFund",
        {"input": {"name": "Window for cities (demo)", "currency": "USD", "target": "500000"}},
    )
    return str(payload["fund"]["id"])


async def _area(ops: Operations, fund: str, number: int = 1) -> str:
    payload = await _payload(
        ops,
        "AddThematicArea",
        {"input": {"fund": fund, "number": number, "title": f"Area {number}"}},
    )
    return str(payload["thematicArea"]["id"])


@runs(FILE, "CreateFund")
async def create_fund(ops: Operations) -> None:
    payload = await _payload(
        ops,
        "CreateFund",
        {
            "input": {
                "name": "Window for cities (demo)",
                "currency": "USD",
                "target": "500000",
                "targetYear": 2020,
                "administrativeAgent": "UN Multi-Partner Trust Fund Office (MPTFO)",
            }
        },
    )
    assert payload["fund"]["target"] == {"amount": "500000.00", "currency": "USD"}
    assert payload["fund"]["classification"] == "NETWORK"


@runs(FILE, "UpdateFund")
async def update_fund(ops: Operations) -> None:
    fund = await _fund(ops)
    payload = await _payload(ops, "UpdateFund", {"input": {"id": fund, "target": "750000"}})
    assert payload["fund"]["target"]["amount"] == "750000.00"


@runs(FILE, "AddThematicArea")
async def add_thematic_area(ops: Operations) -> None:
    fund = await _fund(ops)
    payload = await _payload(
        ops, "AddThematicArea", {"input": {"fund": fund, "number": 3, "title": "Inclusion"}}
    )
    assert payload["thematicArea"]["number"] == 3


@runs(FILE, "AddMou")
async def add_mou(ops: Operations) -> None:
    fund = await _fund(ops)
    payload = await _payload(
        ops,
        "AddMou",
        {"input": {"fund": fund, "signatory": "UN-Habitat", "draftedOn": "2019-09-01"}},
    )
    assert payload["mou"]["status"] == "DRAFTED"


@runs(FILE, "SignMou")
async def sign_mou(ops: Operations) -> None:
    fund = await _fund(ops)
    mou = await _payload(ops, "AddMou", {"input": {"fund": fund, "signatory": "UN-Habitat"}})
    payload = await _payload(
        ops, "SignMou", {"input": {"id": mou["mou"]["id"], "signedOn": "2019-10-01"}}
    )
    assert payload["mou"] == {"id": mou["mou"]["id"], "status": "SIGNED", "signedOn": "2019-10-01"}


async def _seat(ops: Operations, fund: str) -> Any:
    unions = await organisation_id("Global federation of trade unions (demo)")
    return await _payload(
        ops,
        "AddSteeringCommitteeMember",
        {
            "input": {
                "fund": fund,
                "seat": "CIVIL_SOCIETY",
                "name": "Global federation of trade unions (demo)",
                "organisation": unions,
                "since": "2019-11-01",
                "selection": "Chosen by the civil-society constituencies (demo)",
            }
        },
    )


@runs(FILE, "AddSteeringCommitteeMember")
async def add_member(ops: Operations) -> None:
    payload = await _seat(ops, await _fund(ops))
    assert payload["member"]["organisation"]["name"] == "Global federation of trade unions (demo)"


@runs(FILE, "EndSteeringCommitteeSeat")
async def end_seat(ops: Operations) -> None:
    seat = await _seat(ops, await _fund(ops))
    payload = await _payload(
        ops, "EndSteeringCommitteeSeat", {"id": seat["member"]["id"], "until": "2021-10-31"}
    )
    assert payload["member"]["until"] == "2021-10-31"


async def _project(ops: Operations) -> Any:
    fund = await _fund(ops)
    first, second = await _area(ops, fund, 1), await _area(ops, fund, 2)
    return await _payload(
        ops,
        "CreateFundProject",
        {
            "input": {
                "thematicArea": first,
                "title": "Migrants in city services (demo)",
                "budget": "100000",
                "currency": "USD",
                "allocations": [
                    {"thematicArea": first, "amount": "80000"},
                    {"thematicArea": second, "amount": "20000"},
                ],
            }
        },
    )


@runs(FILE, "CreateFundProject")
async def create_project(ops: Operations) -> None:
    payload = await _project(ops)
    amounts = sorted(a["amount"]["amount"] for a in payload["project"]["allocations"])
    assert amounts == ["20000.00", "80000.00"]


@runs(FILE, "ChangeFundProjectStatus")
async def change_project_status(ops: Operations) -> None:
    project = await _project(ops)
    payload = await _payload(
        ops,
        "ChangeFundProjectStatus",
        {"input": {"id": project["project"]["id"], "status": "APPROVED"}},
    )
    assert payload["project"]["status"] == "APPROVED"


@runs(FILE, "RecordExchangeRate")
async def record_rate(ops: Operations) -> None:
    fund = await _fund(ops)
    payload = await _payload(
        ops,
        "RecordExchangeRate",
        {
            "input": {
                "fund": fund,
                "currency": "EUR",
                "rate": "1.1",
                "asOf": "2019-06-28",
                "source": "UN operational rate",
            }
        },
    )
    assert payload["exchangeRate"]["recordedBy"] == FUND_MANAGER
