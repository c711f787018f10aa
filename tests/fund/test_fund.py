"""The fund: overview, totals, the field-level rule on pledges, recording and moving pledges,
projects."""

from __future__ import annotations

from typing import Any

import pytest

from hub.directory.models import Organisation
from hub.fund.models import Fund, Pledge, ThematicArea
from tests.conftest import Client, relay_id
from tests.fund.queries import (
    COORDINATOR,
    CREATE_PROJECT,
    DONOR,
    FUND_MANAGER,
    GLOBAL_PARTNER,
    MOVE,
    OVERVIEW,
    PLEDGES,
    RECORD,
    STEERING,
)

NOBODY = "00000000-0000-0000-0000-000000000000"


async def _fund(client: Client, user: str, query: str = OVERVIEW, **variables: Any) -> Any:
    reply = await client.gql(query, variables, user=user)
    [edge] = reply.data["funds"]["edges"]
    return edge["node"], reply.errors


async def test_the_overview_shows_the_start_up_fund_as_the_consultation_set_it_out(
    client: Client,
) -> None:
    fund, errors = await _fund(client, GLOBAL_PARTNER)
    assert errors == []
    assert fund["target"] == {"amount": "25000000.00", "currency": "USD"}
    assert fund["administrativeAgent"] == "UN Multi-Partner Trust Fund Office (MPTFO)"
    assert [a["number"] for a in fund["thematicAreas"]] == [1, 2, 3, 4, 5]
    assert fund["thematicAreas"][0]["projects"][0]["budget"] == {
        "amount": "1200000.00",
        "currency": "USD",
    }
    assert [m["signedOn"] for m in fund["mous"]].count(None) == 1
    seats = [m["seat"] for m in fund["steeringCommittee"]]
    assert seats.count("CIVIL_SOCIETY") == 2
    assert fund["totals"] == {
        "target": {"amount": "25000000.00", "currency": "USD"},
        "committed": {"amount": "8500000.00", "currency": "USD"},
        "received": {"amount": "5000000.00", "currency": "USD"},
        "gapToTarget": {"amount": "16500000.00", "currency": "USD"},
        "byCurrency": [
            {
                "currency": "USD",
                "inOutreach": "1000000.00",
                "committed": "8500000.00",
                "signed": "5000000.00",
                "received": "5000000.00",
            },
            {
                "currency": "EUR",
                "inOutreach": "0.00",
                "committed": "2000000.00",
                "signed": "2000000.00",
                "received": "0.00",
            },
        ],
    }


async def test_a_partner_sees_totals_but_pledges_by_donor_are_forbidden(client: Client) -> None:
    # when
    fund, errors = await _fund(client, GLOBAL_PARTNER, PLEDGES, first=10)
    # then the rest of the fund is there, the field is null with an error at its path
    assert fund["totals"] == {"committed": {"amount": "8500000.00"}}
    assert fund["pledges"] is None
    assert [(e["path"], e["extensions"]["code"]) for e in errors] == [
        (["funds", "edges", 0, "node", "pledges"], "FORBIDDEN")
    ]


@pytest.mark.parametrize(
    ("user", "donors"),
    [
        (
            STEERING,
            [
                "Donor government A (demo)",
                "Donor government B (demo)",
                "Donor government C (demo)",
                "Donor government D (demo)",
            ],
        ),
        # A donor sees the published pledges only.
        (DONOR, ["Donor government A (demo)"]),
    ],
)
async def test_pledges_by_donor_as_far_as_the_role_reaches(
    client: Client, user: str, donors: list[str]
) -> None:
    fund, errors = await _fund(client, user, PLEDGES, first=10)
    assert errors == []
    assert [e["node"]["donor"]["name"] for e in fund["pledges"]["edges"]] == donors
    assert fund["pledges"]["totalCount"] == len(donors)
    # and the totals are the same for both
    assert fund["totals"] == {"committed": {"amount": "8500000.00"}}


async def test_the_first_pledges_and_the_count_of_all(client: Client) -> None:
    fund, _ = await _fund(client, STEERING, PLEDGES, first=1)
    assert len(fund["pledges"]["edges"]) == 1
    assert fund["pledges"]["totalCount"] == 4


async def _record(client: Client, user: str, **changes: Any) -> Any:
    fund = await Fund.get(name__startswith="Start-up Fund")
    donor = await Organisation.get(name="Donor government D (demo)")
    values = {
        "fund": relay_id("Fund", fund.id),
        "donor": relay_id("Organisation", donor.id),
        "amount": "250000.50",
        "currency": "chf",
        **changes,
    }
    return await client.gql(RECORD, {"input": values}, user=user)


async def test_a_fund_manager_records_a_pledge_and_totals_follow(client: Client) -> None:
    # when
    reply = await _record(client, FUND_MANAGER, status="PLEDGED")
    # then
    payload = reply.data["recordPledge"]
    assert payload["errors"] == []
    assert payload["pledge"]["amount"] == {"amount": "250000.50", "currency": "CHF"}
    assert payload["pledge"]["classification"] == "RESTRICTED"
    fund, _ = await _fund(client, GLOBAL_PARTNER)
    chf = [t for t in fund["totals"]["byCurrency"] if t["currency"] == "CHF"]
    assert chf == [
        {
            "currency": "CHF",
            "inOutreach": "0.00",
            "committed": "250000.50",
            "signed": "0.00",
            "received": "0.00",
        }
    ]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"amount": "0"}, "amount", "NOT_POSITIVE"),
        ({"amount": "-5"}, "amount", "NOT_POSITIVE"),
        ({"amount": "1.005"}, "amount", "TOO_PRECISE"),
        ({"amount": "1e20"}, "amount", "TOO_LARGE"),
        ({"currency": "XYZ"}, "currency", "INVALID"),
        (
            {"donor": relay_id("Organisation", "00000000-0000-0000-0000-000000000000")},
            "donor",
            "NOT_FOUND",
        ),
        ({"fund": relay_id("Fund", NOBODY)}, "fund", "NOT_FOUND"),
    ],
)
async def test_invalid_pledges_are_refused_and_nothing_is_written(
    client: Client, changes: dict[str, Any], field: str, code: str
) -> None:
    before = await Pledge.all().count()
    reply = await _record(client, FUND_MANAGER, **changes)
    payload = reply.data["recordPledge"]
    assert payload["pledge"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert await Pledge.all().count() == before


async def test_a_non_number_amount_is_bad_input(client: Client) -> None:
    reply = await _record(client, FUND_MANAGER, amount="lots")
    assert reply.data is None
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_pledges_move_forward_only(client: Client) -> None:
    # given the pledge in outreach
    pledge = await Pledge.get(status="outreach")
    pledge_id = relay_id("Pledge", pledge.id)

    async def move(status: str) -> Any:
        reply = await client.gql(
            MOVE, {"input": {"id": pledge_id, "status": status}}, user=COORDINATOR
        )
        return reply.data["changePledgeStatus"]

    # when / then
    assert (await move("SIGNED"))["pledge"] == {"status": "SIGNED"}  # a step may be skipped
    back = await move("PLEDGED")
    assert back["errors"][0]["code"] == "INVALID_TRANSITION"
    assert "can become received" in back["errors"][0]["message"]
    assert (await move("RECEIVED"))["pledge"] == {"status": "RECEIVED"}
    done = await move("RECEIVED")
    assert "cannot change" in done["errors"][0]["message"]
    await pledge.refresh_from_db()
    assert pledge.status == "received"


async def test_a_project_is_added_under_a_thematic_area(client: Client) -> None:
    # given
    area = await ThematicArea.get(number=5)
    # when
    reply = await client.gql(
        CREATE_PROJECT,
        {
            "input": {
                "thematicArea": relay_id("ThematicArea", area.id),
                "title": "Inclusion of migrants in city services",
                "budget": "750000",
                "currency": "USD",
            }
        },
        user=FUND_MANAGER,
    )
    # then
    payload = reply.data["createFundProject"]
    assert payload["errors"] == []
    assert payload["project"]["budget"] == {"amount": "750000.00", "currency": "USD"}
    fund, _ = await _fund(client, GLOBAL_PARTNER)
    assert [p["title"] for p in fund["thematicAreas"][4]["projects"]] == [
        "Inclusion of migrants in city services"
    ]


async def test_only_those_who_manage_the_fund_add_projects(client: Client) -> None:
    area = await ThematicArea.get(number=5)
    reply = await client.gql(
        CREATE_PROJECT,
        {
            "input": {
                "thematicArea": relay_id("ThematicArea", area.id),
                "title": "Not theirs to add",
                "budget": "1",
                "currency": "USD",
            }
        },
        user=STEERING,
    )
    assert reply.data == {"createFundProject": None}
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
