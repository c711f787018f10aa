"""The network's figures: each counts exactly what the caller's own lists show, whoever
asks, in whichever scope and tenant; each costs one statement, whatever the number of
records."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from hub.consultations.models import Participant
from hub.directory.models import Organisation
from hub.proposals.models import Proposal, ProposalTarget
from hub.themes.taxonomy import Theme
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
FUND_MANAGER = "fund.manager@network.example.org"

READERS = [COORDINATOR, FOCAL_ASIA, FOCAL_EUROPE, TEAM_BANGLADESH, PARTNER]
SCOPES: list[dict[str, Any]] = [
    {"scope": "SUBTREE"},
    {"scope": "NETWORK"},
    {"scope": "NETWORK", "tenant": "global"},
    {"scope": "SUBTREE", "tenant": "bangladesh"},
]

REPORT = """
query($scope: ListScope, $tenant: String) { report(scope: $scope, tenant: $tenant) {
  proposalsByStatus { key count share }
  proposalsByTarget { key count }
  proposalsByTheme { key count }
  proposalsByTenant { key count }
  reviewOutcomes { key count share }
  initiativesByTheme { key count }
  initiativesByCountry { key count }
  participantsByConstituency { key count }
  participantsByEcosocStatus { key count }
  participantsByRegion { key count }
  participantsByGender { key count }
  fundAllocationsByThematicArea { fund number title amount { amount currency } }
} }
"""

LIST_TOTAL = """
query($scope: ListScope, $filter: {kind}Filter) {
  {field}(first: 1, scope: $scope, filter: $filter) { totalCount }
}
"""

PARTICIPANTS = """
query($scope: ListScope, $filter: ConsultationFilter) {
  consultations(first: 100, scope: $scope, filter: $filter) { totalCount edges { node {
    participants { organisation { kind ecosocStatus region } }
  } } }
}
"""


async def _report(client: Client, user: str, **arguments: Any) -> dict[str, Any]:
    reply = await client.gql(REPORT, arguments, user=user)
    assert not reply.errors, reply.errors
    return dict(reply.data["report"])


async def _total(
    client: Client, user: str, kind: str, field: str, scope: dict[str, Any], **filter: Any
) -> int:
    flt = dict(filter)
    if "tenant" in scope:
        flt["tenant"] = scope["tenant"]
    document = LIST_TOTAL.replace("{kind}", kind).replace("{field}", field)
    reply = await client.gql(document, {"scope": scope["scope"], "filter": flt}, user=user)
    assert not reply.errors, reply.errors
    return int(reply.data[field]["totalCount"])


def _counts(tallies: list[dict[str, Any]]) -> dict[str, int]:
    return {t["key"]: t["count"] for t in tallies}


@pytest.mark.parametrize("user", READERS)
async def test_each_figure_counts_what_the_callers_lists_show(client: Client, user: str) -> None:
    for scope in SCOPES:
        report = await _report(client, user, **scope)
        proposals = await _total(client, user, "Proposal", "proposals", scope)
        by_status = _counts(report["proposalsByStatus"])
        # every status, those with none as absent
        for status in ("SUBMITTED", "UNDER_REVIEW", "ACCEPTED", "REFLECTED", "DECLINED"):
            expected = await _total(client, user, "Proposal", "proposals", scope, status=[status])
            assert by_status.get(status, 0) == expected, (user, scope, status)
        assert sum(by_status.values()) == proposals, (user, scope)
        for target in ProposalTarget:
            expected = await _total(
                client, user, "Proposal", "proposals", scope, target=[target.name]
            )
            assert _counts(report["proposalsByTarget"]).get(target.name, 0) == expected
        for theme in Theme:
            expected = await _total(
                client, user, "Proposal", "proposals", scope, theme=[theme.name]
            )
            assert _counts(report["proposalsByTheme"]).get(theme.name, 0) == expected, theme
            expected = await _total(
                client, user, "Initiative", "initiatives", scope, theme=[theme.name]
            )
            assert _counts(report["initiativesByTheme"]).get(theme.name, 0) == expected, theme
        initiatives = await _total(client, user, "Initiative", "initiatives", scope)
        assert sum(_counts(report["initiativesByCountry"]).values()) == initiatives
        for country, count in _counts(report["initiativesByCountry"]).items():
            if country != "NONE":
                assert count == await _total(
                    client, user, "Initiative", "initiatives", scope, country=[country]
                )
        for tenant, count in _counts(report["proposalsByTenant"]).items():
            narrowed = {**scope, "tenant": tenant}
            if "tenant" in scope:
                assert tenant == scope["tenant"]
            assert count == await _total(client, user, "Proposal", "proposals", narrowed)
        decided = {k: by_status.get(k, 0) for k in ("ACCEPTED", "DECLINED", "REFLECTED")}
        outcomes = report["reviewOutcomes"]
        assert _counts(outcomes) == decided
        whole = sum(decided.values())
        for outcome in outcomes:
            assert outcome["share"] == pytest.approx(
                outcome["count"] / whole if whole else 0.0, abs=1e-4
            )


@pytest.mark.parametrize("user", READERS)
async def test_participants_are_counted_as_the_consultations_show_them(
    client: Client, user: str
) -> None:
    # given attendance recorded with gender for some of the Geneva participants
    recorded = await Participant.filter(consultation__tenant__slug="global").order_by("id")
    for participant, gender in zip(recorded, ("woman", "woman", "man"), strict=False):
        participant.gender = gender  # type: ignore[assignment]
        await participant.save(update_fields=["gender"])
    for scope in SCOPES:
        report = await _report(client, user, **scope)
        flt = {"tenant": scope["tenant"]} if "tenant" in scope else {}
        reply = await client.gql(PARTICIPANTS, {"scope": scope["scope"], "filter": flt}, user=user)
        shown = [
            p["organisation"]
            for edge in reply.data["consultations"]["edges"]
            for p in edge["node"]["participants"]
            if p["organisation"] is not None
        ]
        assert _counts(report["participantsByConstituency"]) == dict(
            Counter(o["kind"] for o in shown)
        ), (user, scope)
        assert _counts(report["participantsByEcosocStatus"]) == dict(
            Counter(o["ecosocStatus"] for o in shown)
        )
        assert _counts(report["participantsByRegion"]) == dict(
            Counter(o["region"] or "NONE" for o in shown)
        )
        genders = _counts(report["participantsByGender"])
        assert sum(genders.values()) == len(shown)
        if user == COORDINATOR and scope == {"scope": "SUBTREE"}:
            assert genders == {"WOMAN": 2, "MAN": 1, "NONE": len(shown) - 3}


async def test_allocations_add_up_per_area_and_currency(client: Client) -> None:
    report = await _report(client, FUND_MANAGER, scope="SUBTREE")
    before = {
        (a["number"], a["amount"]["currency"]): a["amount"]["amount"]
        for a in report["fundAllocationsByThematicArea"]
    }
    assert before == {(1, "USD"): "1200000.00", (2, "USD"): "900000.00"}
    # a project split over areas 1 and 3
    reply = await client.gql(
        """query { funds(first: 1) { edges { node { thematicAreas { id number } } } } }""",
        user=FUND_MANAGER,
    )
    areas = {a["number"]: a["id"] for a in reply.data["funds"]["edges"][0]["node"]["thematicAreas"]}
    created = await client.gql(
        """mutation($input: CreateFundProjectInput!) { createFundProject(input: $input) {
             errors { field code } } }""",
        {
            "input": {
                "thematicArea": areas[1],
                "title": "Data and inclusion (demo)",
                "budget": "300.00",
                "currency": "EUR",
                "allocations": [
                    {"thematicArea": areas[1], "amount": "100.00"},
                    {"thematicArea": areas[3], "amount": "200.00"},
                ],
            }
        },
        user=FUND_MANAGER,
    )
    assert created.data["createFundProject"]["errors"] == []
    after = await _report(client, FUND_MANAGER, scope="SUBTREE")
    rows = [
        (a["number"], a["amount"]["currency"], a["amount"]["amount"])
        for a in after["fundAllocationsByThematicArea"]
    ]
    assert rows == [
        (1, "EUR", "100.00"),
        (1, "USD", "1200000.00"),
        (2, "USD", "900000.00"),
        (3, "EUR", "200.00"),
    ]
    # a partner below the fund's tenant sees it only as it reaches them
    partner = await _report(client, PARTNER, scope="SUBTREE")
    assert partner["fundAllocationsByThematicArea"] == []
    reached = await _report(client, PARTNER, scope="NETWORK")
    assert len(reached["fundAllocationsByThematicArea"]) == 4


FIGURES = [
    "proposalsByStatus { key }",
    "proposalsByTarget { key }",
    "proposalsByTheme { key }",
    "proposalsByTenant { key }",
    "reviewOutcomes { key }",
    "initiativesByTheme { key }",
    "initiativesByCountry { key }",
    "participantsByConstituency { key }",
    "participantsByEcosocStatus { key }",
    "participantsByRegion { key }",
    "participantsByGender { key }",
    "fundAllocationsByThematicArea { number }",
]


async def _cost(client: Client, sql_log: list[str], selection: str, n: int) -> int:
    await client.warm(COORDINATOR)
    sql_log.clear()
    # a different alias each time, so that no answer comes from the result cache
    reply = await client.gql(f"{{ r{n}: report {{ {selection} }} }}", user=COORDINATOR)
    assert not reply.errors, reply.errors
    return len(sql_log)


async def test_each_figure_is_one_statement_whatever_the_records(
    client: Client, sql_log: list[str]
) -> None:
    base = await _cost(client, sql_log, "__typename", 0)
    costs = [await _cost(client, sql_log, figure, n) for n, figure in enumerate(FIGURES, 1)]
    assert costs == [base + 1] * len(FIGURES), sql_log
    everything = await _cost(client, sql_log, " ".join(FIGURES), 99)
    assert everything == base + len(FIGURES)
    # given many more proposals, the cost is the same
    organisation = await Organisation.get(name="Migrant workers' rights network (demo)")
    tenant_id = organisation.tenant_id
    await Proposal.bulk_create(
        [
            Proposal(
                tenant_id=tenant_id,
                organisation=organisation,
                target=ProposalTarget.WORK_PLAN,
                title=f"Proposal {n}",
                status="submitted",
            )
            for n in range(50)
        ]
    )
    assert await _cost(client, sql_log, " ".join(FIGURES), 100) == everything
