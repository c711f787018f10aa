"""A fund manager sets a fund up from nothing through the API: the fund, its thematic
areas, MoUs, steering committee, projects and exchange rates; every change audited, bad
input refused with nothing written, and nobody else able to do it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from hub.access.service import grant_role
from hub.audit.models import AuditEntry
from hub.core.config import PROJECT_ROOT
from hub.directory.models import Organisation
from hub.fund.models import (
    Allocation,
    ExchangeRate,
    Fund,
    FundProject,
    Mou,
    SteeringCommitteeMember,
    ThematicArea,
)
from tests.conftest import Client, relay_id
from tests.fund.queries import COORDINATOR, FUND_MANAGER, GLOBAL_PARTNER, PARTNER

REGIONAL_MANAGER = "fund.manager.asia@network.example.org"
SELECTIONS = {
    "createFund": ("fund", "id name target { amount currency } targetYear classification"),
    "updateFund": ("fund", "id name target { amount currency } classification"),
    "addThematicArea": ("thematicArea", "id number title description"),
    "updateThematicArea": ("thematicArea", "id number title"),
    "addMou": ("mou", "id signatory parties status draftedOn signedOn"),
    "updateMou": ("mou", "id signatory parties draftedOn"),
    "signMou": ("mou", "id status signedOn"),
    "addSteeringCommitteeMember": (
        "member",
        "id seat name since until selection organisation { name }",
    ),
    "updateSteeringCommitteeMember": ("member", "id seat name since until selection"),
    "recordExchangeRate": ("exchangeRate", "currency rate asOf source recordedBy"),
    "createFundProject": (
        "project",
        "id title status budget { amount currency } "
        "allocations { amount { amount currency } thematicArea { number } }",
    ),
    "updateFundProject": (
        "project",
        "id title budget { amount } allocations { amount { amount } thematicArea { number } }",
    ),
    "changeFundProjectStatus": ("project", "id status"),
    "recordPledge": ("pledge", "id"),
}

FUND = """
query($id: ID!) { node(id: $id) { ... on Fund {
  name description administrativeAgent targetYear classification
  target { amount currency }
  thematicAreas { number title projects { title status budget { amount }
    allocations { amount { amount currency } thematicArea { number } } } }
  mous { signatory parties status draftedOn signedOn }
  steeringCommittee { seat name since until selection organisation { name } }
  exchangeRates { currency rate asOf source recordedBy }
  totals {
    committed { amount currency } gapToTarget { amount }
    byCurrency { currency committed }
    converted {
      committed { amount currency } received { amount } gapToTarget { amount currency }
      ratesUsed { currency rate asOf source }
      unconverted { currency committed }
    }
  }
} } }
"""


async def _call(
    client: Client, mutation: str, input: dict[str, Any], user: str = FUND_MANAGER
) -> Any:
    """The mutation's payload: its record (or None) and its errors as (field, code)."""
    field, selection = SELECTIONS[mutation]
    input_type = mutation[0].upper() + mutation[1:] + "Input"
    reply = await client.gql(
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) "
        f"{{ {field} {{ {selection} }} errors {{ field code message }} }} }}",
        {"input": input},
        user=user,
    )
    return reply


def _answer(reply: Any, mutation: str) -> tuple[Any, list[tuple[str, str]]]:
    assert not reply.errors, reply.errors
    payload = reply.data[mutation]
    field, _ = SELECTIONS[mutation]
    return payload[field], [(e["field"], e["code"]) for e in payload["errors"]]


async def _done(client: Client, mutation: str, input: dict[str, Any], **kw: Any) -> Any:
    record, problems = _answer(await _call(client, mutation, input, **kw), mutation)
    assert problems == [], problems
    return record


async def _new_fund(client: Client, **changes: Any) -> str:
    fund = await _done(
        client,
        "createFund",
        {"name": "Regional fund for migrant inclusion", "currency": "USD", "target": "1000000"}
        | changes,
    )
    return str(fund["id"])


async def test_a_fund_manager_sets_a_fund_up_from_nothing(client: Client) -> None:
    # given nothing but a donor organisation and a civil-society one in the directory
    donor = await Organisation.get(name="Donor government B (demo)")
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    audit_before = await AuditEntry.all().count()
    # when the fund manager sets up the fund
    fund = await _done(
        client,
        "createFund",
        {
            "name": "Fund for migrant inclusion",
            "currency": "USD",
            "target": "2000000.00",
            "targetYear": 2020,
            "administrativeAgent": "UN Multi-Partner Trust Fund Office (MPTFO)",
            "description": "Small grants for city services open to migrants.",
        },
    )
    fund_id = fund["id"]
    areas = [
        await _done(
            client,
            "addThematicArea",
            {"fund": fund_id, "number": n, "title": title},
        )
        for n, title in ((1, "Data"), (2, "Inclusion"))
    ]
    mou = await _done(
        client,
        "addMou",
        {
            "fund": fund_id,
            "signatory": "International Labour Organization (ILO)",
            "parties": ["UN Multi-Partner Trust Fund Office (MPTFO)"],
            "draftedOn": "2019-05-02",
        },
    )
    assert mou["status"] == "DRAFTED"
    signed = await _done(client, "signMou", {"id": mou["id"], "signedOn": "2019-06-03"})
    seat = await _done(
        client,
        "addSteeringCommitteeMember",
        {
            "fund": fund_id,
            "seat": "CIVIL_SOCIETY",
            "name": "Global federation of trade unions (demo)",
            "organisation": relay_id("Organisation", unions.id),
            "since": "2019-07-01",
            "selection": "Chosen by the civil-society constituencies through an open call",
        },
    )
    ended = await _done(
        client, "updateSteeringCommitteeMember", {"id": seat["id"], "until": "2020-06-30"}
    )
    project = await _done(
        client,
        "createFundProject",
        {
            "thematicArea": areas[1]["id"],
            "title": "Migrants in city services",
            "budget": "300000.00",
            "currency": "USD",
            "allocations": [
                {"thematicArea": areas[1]["id"], "amount": "250000.00"},
                {"thematicArea": areas[0]["id"], "amount": "50000.00"},
            ],
        },
    )
    for stage in ("APPROVED", "ACTIVE"):
        moved = await _done(
            client, "changeFundProjectStatus", {"id": project["id"], "status": stage}
        )
    rate = await _done(
        client,
        "recordExchangeRate",
        {"fund": fund_id, "currency": "EUR", "rate": "1.10", "asOf": "2019-06-28", "source": "ECB"},
    )
    await _done(
        client,
        "recordPledge",
        {
            "fund": fund_id,
            "donor": relay_id("Organisation", donor.id),
            "amount": "100000.00",
            "currency": "EUR",
            "status": "PLEDGED",
        },
    )
    await _done(
        client,
        "recordPledge",
        {
            "fund": fund_id,
            "donor": relay_id("Organisation", donor.id),
            "amount": "500.00",
            "currency": "CHF",
            "status": "PLEDGED",
        },
    )
    # then the fund reads back as set up
    assert signed == {"id": mou["id"], "status": "SIGNED", "signedOn": "2019-06-03"}
    assert (ended["since"], ended["until"]) == ("2019-07-01", "2020-06-30")
    assert moved["status"] == "ACTIVE"
    assert rate["recordedBy"] == FUND_MANAGER
    reply = await client.gql(FUND, {"id": fund_id}, user=FUND_MANAGER)
    shown = reply.data["node"]
    assert shown["target"] == {"amount": "2000000.00", "currency": "USD"}
    assert [(a["number"], a["title"]) for a in shown["thematicAreas"]] == [
        (1, "Data"),
        (2, "Inclusion"),
    ]
    [listed] = shown["thematicAreas"][1]["projects"]
    assert listed["status"] == "ACTIVE"
    assert sorted(
        (a["thematicArea"]["number"], a["amount"]["amount"]) for a in listed["allocations"]
    ) == [(1, "50000.00"), (2, "250000.00")]
    assert shown["mous"] == [
        {
            "signatory": "International Labour Organization (ILO)",
            "parties": ["UN Multi-Partner Trust Fund Office (MPTFO)"],
            "status": "SIGNED",
            "draftedOn": "2019-05-02",
            "signedOn": "2019-06-03",
        }
    ]
    assert shown["steeringCommittee"] == [
        {
            "seat": "CIVIL_SOCIETY",
            "name": "Global federation of trade unions (demo)",
            "since": "2019-07-01",
            "until": "2020-06-30",
            "selection": "Chosen by the civil-society constituencies through an open call",
            "organisation": {"name": "Global federation of trade unions (demo)"},
        }
    ]
    # and its totals keep currencies apart, converting only at the recorded rate
    totals = shown["totals"]
    assert totals["committed"] == {"amount": "0.00", "currency": "USD"}
    assert totals["converted"] == {
        "committed": {"amount": "110000.00", "currency": "USD"},
        "received": {"amount": "0.00"},
        "gapToTarget": {"amount": "1890000.00", "currency": "USD"},
        "ratesUsed": [
            {"currency": "EUR", "rate": "1.10000000", "asOf": "2019-06-28", "source": "ECB"}
        ],
        "unconverted": [{"currency": "CHF", "committed": "500.00"}],
    }
    # and every change is in the audit log, whatever its classification
    entries = await AuditEntry.filter(id__gt=audit_before, actor=FUND_MANAGER).order_by("id")
    fund_row = await Fund.get(name="Fund for migrant inclusion")
    # create, 2 areas, MoU, signature, seat, its end, project, 2 moves, rate
    changes = [e for e in entries if e.action in ("fund.create", "fund.update")]
    assert [e.action for e in changes] == [
        "fund.create",
        *["fund.update"] * 6,
        "fund.create",  # the project
        *["fund.update"] * 3,
    ]
    assert all(f"fund:{fund_row.id}" in e.object for e in changes)
    pledges = [e.action for e in entries if e.action.startswith("fund.pledge.")]
    assert pledges == ["fund.pledge.create"] * 2


async def test_a_later_rate_replaces_an_earlier_one_in_the_totals(client: Client) -> None:
    fund_id = await _new_fund(client)
    donor = await Organisation.get(name="Donor government B (demo)")
    await _done(
        client,
        "recordPledge",
        {
            "fund": fund_id,
            "donor": relay_id("Organisation", donor.id),
            "amount": "1000.00",
            "currency": "EUR",
            "status": "RECEIVED",
        },
    )
    for rate, as_of in (("1.20", "2019-06-01"), ("1.10", "2019-07-01"), ("1.30", "2019-05-01")):
        await _done(
            client,
            "recordExchangeRate",
            {"fund": fund_id, "currency": "EUR", "rate": rate, "asOf": as_of, "source": "ECB"},
        )
    reply = await client.gql(FUND, {"id": fund_id}, user=FUND_MANAGER)
    converted = reply.data["node"]["totals"]["converted"]
    assert converted["received"] == {"amount": "1100.00"}
    assert converted["ratesUsed"][0]["asOf"] == "2019-07-01"
    assert [r["asOf"] for r in reply.data["node"]["exchangeRates"]] == [
        "2019-05-01",
        "2019-06-01",
        "2019-07-01",
    ]


def _future() -> str:
    return (date.today() + timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("mutation", "input", "expected"),
    [
        (
            "createFund",
            {"name": " ", "currency": "US", "target": "0"},
            ["name", "currency", "target"],
        ),
        (
            "createFund",
            {
                "name": "Start-up Fund for Safe, Orderly and Regular Migration",
                "currency": "USD",
                "target": "1",
                "targetYear": 1999,
            },
            ["targetYear", "name"],
        ),
        ("addThematicArea", {"number": 1, "title": "Again"}, ["number"]),
        ("addThematicArea", {"number": 100, "title": ""}, ["title", "number"]),
        ("addMou", {"signatory": "X", "parties": ["A", "A", ""]}, ["parties.1", "parties.2"]),
        (
            "recordExchangeRate",
            {"currency": "USD", "rate": "1", "asOf": "2019-01-01", "source": "ECB"},
            ["currency"],
        ),
        (
            "recordExchangeRate",
            {"currency": "EUR", "rate": "-1", "asOf": "FUTURE", "source": ""},
            ["rate", "source", "asOf"],
        ),
        (
            "recordExchangeRate",
            {"currency": "EUR", "rate": "1.123456789", "asOf": "2019-01-01", "source": "ECB"},
            ["rate"],
        ),
    ],
)
async def test_bad_input_is_refused_and_nothing_is_written(
    client: Client, mutation: str, input: dict[str, Any], expected: list[str]
) -> None:
    fund = await Fund.get(name__startswith="Start-up Fund")
    if mutation != "createFund":
        input = {"fund": relay_id("Fund", fund.id), **input}
    if input.get("asOf") == "FUTURE":
        input["asOf"] = _future()
    counts = [await m.all().count() for m in (Fund, ThematicArea, Mou, ExchangeRate)]
    audit_before = await AuditEntry.all().count()
    record, problems = _answer(await _call(client, mutation, input), mutation)
    assert record is None
    assert [field for field, _ in problems] == expected
    assert [await m.all().count() for m in (Fund, ThematicArea, Mou, ExchangeRate)] == counts
    assert await AuditEntry.all().count() == audit_before


async def test_mou_and_seat_dates_keep_their_order(client: Client) -> None:
    fund_id = await _new_fund(client)
    mou = await _done(
        client, "addMou", {"fund": fund_id, "signatory": "IOM", "draftedOn": "2019-05-02"}
    )
    early, problems = _answer(
        await _call(client, "signMou", {"id": mou["id"], "signedOn": "2019-05-01"}), "signMou"
    )
    assert (early, problems) == (None, [("signedOn", "BEFORE_START")])
    await _done(client, "signMou", {"id": mou["id"], "signedOn": "2019-05-03"})
    again, problems = _answer(
        await _call(client, "signMou", {"id": mou["id"], "signedOn": "2019-05-04"}), "signMou"
    )
    assert (again, problems) == (None, [("id", "INVALID_TRANSITION")])
    later, problems = _answer(
        await _call(client, "updateMou", {"id": mou["id"], "draftedOn": "2019-05-04"}), "updateMou"
    )
    assert (later, problems) == (None, [("draftedOn", "BEFORE_START")])
    seat = await _done(
        client,
        "addSteeringCommitteeMember",
        {"fund": fund_id, "seat": "DONOR", "name": "Donor A", "since": "2019-07-01"},
    )
    ended, problems = _answer(
        await _call(
            client, "updateSteeringCommitteeMember", {"id": seat["id"], "until": "2019-06-30"}
        ),
        "updateSteeringCommitteeMember",
    )
    assert (ended, problems) == (None, [("until", "BEFORE_START")])
    stored = await Mou.get(signatory="IOM", fund__name="Regional fund for migrant inclusion")
    assert (stored.signed_on, stored.drafted_on) == (date(2019, 5, 3), date(2019, 5, 2))
    assert (await SteeringCommitteeMember.get(name="Donor A")).until is None


async def test_allocations_add_up_to_the_budget_over_the_funds_own_areas(client: Client) -> None:
    fund_id = await _new_fund(client)
    one = await _done(client, "addThematicArea", {"fund": fund_id, "number": 1, "title": "One"})
    two = await _done(client, "addThematicArea", {"fund": fund_id, "number": 2, "title": "Two"})
    elsewhere = await ThematicArea.get(number=1, fund__name__startswith="Start-up Fund")
    base = {"thematicArea": one["id"], "title": "P", "budget": "100.00", "currency": "USD"}
    cases: list[tuple[list[dict[str, str]], list[tuple[str, str]]]] = [
        (
            [
                {"thematicArea": one["id"], "amount": "60"},
                {"thematicArea": two["id"], "amount": "30"},
            ],
            [("allocations", "NOT_THE_BUDGET")],
        ),
        (
            [
                {"thematicArea": one["id"], "amount": "50"},
                {"thematicArea": one["id"], "amount": "50"},
            ],
            [("allocations.1.thematicArea", "DUPLICATE")],
        ),
        (
            [
                {"thematicArea": one["id"], "amount": "50"},
                {"thematicArea": relay_id("ThematicArea", elsewhere.id), "amount": "50"},
            ],
            [("allocations.1.thematicArea", "NOT_FOUND")],
        ),
        ([{"thematicArea": one["id"], "amount": "0"}], [("allocations.0.amount", "NOT_POSITIVE")]),
        ([], [("allocations", "REQUIRED")]),
    ]
    for allocations, expected in cases:
        record, problems = _answer(
            await _call(client, "createFundProject", base | {"allocations": allocations}),
            "createFundProject",
        )
        assert (record, problems) == (None, expected), allocations
    assert await FundProject.filter(title="P").count() == 0
    # a budget all in one area follows the budget; one split over areas needs its split
    single = await _done(client, "createFundProject", base)
    assert [a["amount"]["amount"] for a in single["allocations"]] == ["100.00"]
    grown = await _done(client, "updateFundProject", {"id": single["id"], "budget": "150.00"})
    assert [a["amount"]["amount"] for a in grown["allocations"]] == ["150.00"]
    split = await _done(
        client,
        "updateFundProject",
        {
            "id": single["id"],
            "allocations": [
                {"thematicArea": one["id"], "amount": "100"},
                {"thematicArea": two["id"], "amount": "50"},
            ],
        },
    )
    assert sorted(a["amount"]["amount"] for a in split["allocations"]) == ["100.00", "50.00"]
    record, problems = _answer(
        await _call(client, "updateFundProject", {"id": single["id"], "budget": "200.00"}),
        "updateFundProject",
    )
    assert (record, problems) == (None, [("allocations", "REQUIRED")])
    assert await Allocation.filter(project__title="P").count() == 2


async def test_projects_move_forward_only(client: Client) -> None:
    project = await FundProject.get(status="approved")
    gid = relay_id("FundProject", project.id)
    back, problems = _answer(
        await _call(client, "changeFundProjectStatus", {"id": gid, "status": "PROPOSED"}),
        "changeFundProjectStatus",
    )
    assert (back, problems) == (None, [("status", "INVALID_TRANSITION")])
    for stage in ("ACTIVE", "COMPLETED"):
        await _done(client, "changeFundProjectStatus", {"id": gid, "status": stage})
    done, problems = _answer(
        await _call(client, "changeFundProjectStatus", {"id": gid, "status": "COMPLETED"}),
        "changeFundProjectStatus",
    )
    assert (done, problems) == (None, [("status", "INVALID_TRANSITION")])


async def test_a_new_classification_is_the_parts_too_and_they_stop_travelling(
    client: Client,
) -> None:
    # given the start-up fund, which reaches a partner in Bangladesh with its areas
    fund = await Fund.get(name__startswith="Start-up Fund")
    query = "{ funds(scope: NETWORK) { totalCount } }"
    assert (await client.gql(query, user=PARTNER)).data == {"funds": {"totalCount": 1}}
    # when the fund manager restricts it
    await _done(
        client, "updateFund", {"id": relay_id("Fund", fund.id), "classification": "RESTRICTED"}
    )
    # then its parts follow, and none of it reaches the partner any more
    for model in (ThematicArea, Mou, SteeringCommitteeMember, ExchangeRate):
        assert {r.classification for r in await model.filter(fund_id=fund.id)} == {"restricted"}, (
            model
        )
    assert (await client.gql(query, user=PARTNER)).data == {"funds": {"totalCount": 0}}
    area = await ThematicArea.get(fund_id=fund.id, number=1)
    reply = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": relay_id("ThematicArea", area.id)},
        user=PARTNER,
    )
    assert reply.data == {"node": None}


async def _start_up_parts() -> dict[str, str]:
    fund = await Fund.get(name__startswith="Start-up Fund")
    return {
        "fund": relay_id("Fund", fund.id),
        "area": relay_id("ThematicArea", (await ThematicArea.get(fund_id=fund.id, number=1)).id),
        "mou": relay_id("Mou", (await Mou.get(fund_id=fund.id, status="drafted")).id),
        "seat": relay_id(
            "SteeringCommitteeMember",
            (await SteeringCommitteeMember.filter(fund_id=fund.id).first()).id,  # type: ignore[union-attr]
        ),
        "project": relay_id("FundProject", (await FundProject.get(status="approved")).id),
    }


def _attempts(parts: dict[str, str]) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("updateFund", {"id": parts["fund"], "name": "Taken"}),
        ("addThematicArea", {"fund": parts["fund"], "number": 9, "title": "Taken"}),
        ("updateThematicArea", {"id": parts["area"], "title": "Taken"}),
        ("addMou", {"fund": parts["fund"], "signatory": "Taken"}),
        ("updateMou", {"id": parts["mou"], "signatory": "Taken"}),
        ("signMou", {"id": parts["mou"], "signedOn": "2019-06-01"}),
        ("addSteeringCommitteeMember", {"fund": parts["fund"], "seat": "DONOR", "name": "Taken"}),
        ("updateSteeringCommitteeMember", {"id": parts["seat"], "name": "Taken"}),
        (
            "recordExchangeRate",
            {
                "fund": parts["fund"],
                "currency": "EUR",
                "rate": "9",
                "asOf": "2019-01-01",
                "source": "Taken",
            },
        ),
        ("updateFundProject", {"id": parts["project"], "title": "Taken"}),
        ("changeFundProjectStatus", {"id": parts["project"], "status": "COMPLETED"}),
    ]


async def _fund_state() -> list[Any]:
    return [
        sorted(map(str, await model.all().values_list(*fields)))
        for model, fields in (
            (Fund, ("name", "classification")),
            (ThematicArea, ("number", "title")),
            (Mou, ("signatory", "status")),
            (SteeringCommitteeMember, ("name",)),
            (ExchangeRate, ("rate",)),
            (FundProject, ("title", "status")),
        )
    ]


@pytest.mark.parametrize("user", [PARTNER, GLOBAL_PARTNER, COORDINATOR])
async def test_those_who_do_not_manage_funds_change_nothing(client: Client, user: str) -> None:
    parts = await _start_up_parts()
    before = await _fund_state()
    create = await _call(
        client, "createFund", {"name": "N", "currency": "USD", "target": "1"}, user
    )
    assert create.errors[0]["extensions"]["code"] == "FORBIDDEN"
    for mutation, input in _attempts(parts):
        reply = await _call(client, mutation, input, user)
        assert reply.errors, (mutation, reply.data)
        assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN", mutation
        assert reply.data == {mutation: None}
    assert await _fund_state() == before


async def test_a_fund_manager_of_a_region_sets_up_its_own_fund_not_the_global_one(
    client: Client,
) -> None:
    # given a fund manager in Asia-Pacific only, whom the global fund reaches
    await grant_role(REGIONAL_MANAGER, "fund_manager", "asia-pacific", actor="test")
    await client.reload_policies()
    parts = await _start_up_parts()
    before = await _fund_state()
    # when it tries to change the global fund and its parts
    for mutation, input in _attempts(parts):
        reply = await _call(client, mutation, input, REGIONAL_MANAGER)
        # then each is unknown to it: writes stay in its subtree
        assert reply.errors, (mutation, reply.data)
        assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND", mutation
    assert await _fund_state() == before
    # and a fund of its own goes into its own tenant, which the global team sees
    regional = await _done(
        client,
        "createFund",
        {"name": "Asia-Pacific window", "currency": "THB", "target": "5000000"},
        user=REGIONAL_MANAGER,
    )
    stored = await Fund.get(name="Asia-Pacific window").prefetch_related("tenant")
    assert stored.tenant.slug == "asia-pacific"
    area = await _done(
        client,
        "addThematicArea",
        {"fund": regional["id"], "number": 1, "title": "Decent work"},
        user=REGIONAL_MANAGER,
    )
    assert area["number"] == 1
    seen = await client.gql(
        "{ funds(first: 10) { edges { node { name tenant { slug } } } } }", user=FUND_MANAGER
    )
    names = {e["node"]["name"]: e["node"]["tenant"]["slug"] for e in seen.data["funds"]["edges"]}
    assert names["Asia-Pacific window"] == "asia-pacific"


async def test_the_readmes_first_step_sets_up_a_fund(client: Client) -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Setting up a fund") :]
    document = section[section.index("```graphql") + len("```graphql") : section.index("```\n")]
    reply = await client.gql(document, user=FUND_MANAGER)
    assert not reply.errors
    assert reply.data["createFund"]["errors"] == []
    stored = await Fund.get(name="Window for cities")
    assert stored.administrative_agent == "UN Multi-Partner Trust Fund Office (MPTFO)"
