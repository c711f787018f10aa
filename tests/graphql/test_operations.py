"""schema/operations: the front end's own queries and mutations. Each file parses,
validates against the schema and passes the hub's limits, and each operation runs over HTTP
against the demo network as the demo user it is written for."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import specified_rules, validate

from hub.graphql.limits import LimitsRule
from hub.graphql.schema import schema
from hub.stakeholders.models import Organisation
from tests.conftest import Client, relay_id
from tests.graphql.operations import (
    CASES,
    Operations,
    declared_operations,
    nodes,
    operation_files,
    operations_of,
    parse_file,
    runs,
)

COORDINATOR = "coordinator@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
FUND_MANAGER = "fund.manager@network.example.org"
STEERING = "steering@network.example.org"
DONOR = "donor@donor-a.example.org"
OFFICER = "advocacy@network.example.org"

GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"
MAYORS = "Meeting of mayors and local authorities convened by the IMRF co-facilitators"
RIGHTS_NETWORK = "Migrant workers' rights network (demo)"
HUB_STREAM = "Connection hub and knowledge platform"
PUBLISHED = "The Network welcomes the participation of all stakeholders in the IMRF (demo)"
PRESSURE_NOTE = "Pressure on a migrant workers' rights network"


async def _organisation_id(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


# --- dashboard.graphql ---------------------------------------------------------------------


@runs("dashboard.graphql", "Dashboard")
async def dashboard(ops: Operations) -> None:
    data = await ops.data("dashboard.graphql", "Dashboard", user=FOCAL_ASIA)

    assert data["viewer"]["tenant"]["path"] == "/global/asia-pacific"
    assert data["viewer"]["roles"] == ["regional_focal_point"]
    streams = nodes(data["workStreams"])
    assert streams
    assert {s["status"] for s in streams} == {"ACTIVE"}
    waiting = nodes(data["awaitingDecision"])
    assert waiting
    assert {p["status"] for p in waiting} <= {"SUBMITTED", "UNDER_REVIEW"}
    upcoming = [c["title"]["text"] for c in nodes(data["upcomingConsultations"])]
    assert upcoming == [MAYORS]  # held in Bangladesh, below Asia-Pacific; Geneva was held
    priorities = nodes(data["currentPriorities"])
    assert [p["title"]["text"] for p in priorities] == [
        "Dialogue beyond headquarters: regional, national and local"
    ]
    assert data["recentInitiatives"]["totalCount"] >= 1


# --- consultation.graphql ------------------------------------------------------------------


@runs("consultation.graphql", "Consultations")
async def consultations(ops: Operations) -> None:
    data = await ops.data("consultation.graphql", "Consultations", user=GLOBAL_PARTNER)
    held = await ops.data(
        "consultation.graphql", "Consultations", {"status": ["HELD"]}, user=GLOBAL_PARTNER
    )

    titles = [c["title"]["text"] for c in nodes(data["consultations"])]
    assert set(titles) == {GENEVA, MAYORS}
    assert [c["title"]["text"] for c in nodes(held["consultations"])] == [GENEVA]


@runs("consultation.graphql", "Consultation")
async def consultation_page(ops: Operations) -> None:
    listed = await ops.data(
        "consultation.graphql", "Consultations", {"status": ["HELD"]}, user=GLOBAL_PARTNER
    )
    geneva_id = nodes(listed["consultations"])[0]["id"]

    data = await ops.data(
        "consultation.graphql",
        "Consultation",
        {"id": geneva_id, "lang": "FR"},
        user=GLOBAL_PARTNER,
    )

    page = data["node"]
    assert page["title"]["language"] == "FR"
    assert set(page["title"]["available"]) >= {"EN", "FR", "ES"}
    assert [s["number"] for s in page["sessions"]] == [1, 2, 3, 4]
    assert all(s["keyRecommendations"] for s in page["sessions"])
    assert page["participants"]
    assert all(p["organisation"] or p["contact"] for p in page["participants"])


# --- proposals.graphql ---------------------------------------------------------------------


async def _submitted(ops: Operations, user: str) -> list[dict[str, object]]:
    data = await ops.data(
        "proposals.graphql", "ProposalInbox", {"status": ["SUBMITTED"]}, user=user
    )
    return nodes(data["proposals"])


@runs("proposals.graphql", "ProposalInbox")
async def proposal_inbox(ops: Operations) -> None:
    everything = await ops.data("proposals.graphql", "ProposalInbox", user=COORDINATOR)
    gender = await ops.data(
        "proposals.graphql", "ProposalInbox", {"theme": ["GENDER"]}, user=COORDINATOR
    )

    assert everything["proposals"]["totalCount"] == 13
    assert len(nodes(everything["proposals"])) == 13
    tagged = nodes(gender["proposals"])
    assert tagged
    assert all("GENDER" in p["themes"] for p in tagged)
    assert await _submitted(ops, FOCAL_ASIA)


@runs("proposals.graphql", "Proposal")
async def proposal_page(ops: Operations) -> None:
    first = (await _submitted(ops, COORDINATOR))[0]

    data = await ops.data("proposals.graphql", "Proposal", {"id": first["id"]}, user=COORDINATOR)

    page = data["node"]
    assert page["title"] == first["title"]
    assert page["body"]
    assert page["history"][0]["toStatus"] == "SUBMITTED"


@runs("proposals.graphql", "ReviewProposal")
async def review_proposal(ops: Operations) -> None:
    proposal = (await _submitted(ops, FOCAL_ASIA))[0]

    data = await ops.data(
        "proposals.graphql",
        "ReviewProposal",
        {"input": {"id": proposal["id"], "status": "UNDER_REVIEW", "note": "On the agenda."}},
        user=FOCAL_ASIA,
    )

    reviewed = data["reviewProposal"]
    assert reviewed["errors"] == []
    assert reviewed["proposal"]["status"] == "UNDER_REVIEW"
    step = reviewed["proposal"]["history"][-1]
    assert (step["fromStatus"], step["toStatus"]) == ("SUBMITTED", "UNDER_REVIEW")
    assert step["actor"] == FOCAL_ASIA


@runs("proposals.graphql", "ArchiveProposal")
async def archive_proposal(ops: Operations) -> None:
    proposal = (await _submitted(ops, COORDINATOR))[0]

    data = await ops.data(
        "proposals.graphql", "ArchiveProposal", {"input": {"id": proposal["id"]}}, user=COORDINATOR
    )

    assert data["archiveProposal"]["errors"] == []
    assert data["archiveProposal"]["proposal"]["archivedAt"] is not None
    assert proposal["id"] not in [p["id"] for p in await _submitted(ops, COORDINATOR)]


@runs("proposals.graphql", "SubmitProposal")
async def submit_proposal(ops: Operations) -> None:
    organisation = await _organisation_id(RIGHTS_NETWORK)

    data = await ops.data(
        "proposals.graphql",
        "SubmitProposal",
        {
            "input": {
                "organisation": organisation,
                "target": "OPEN_CALL",
                "title": "Interpretation at national consultations",
                "themes": ["NON_DISCRIMINATION"],
            }
        },
        user=PARTNER,
    )

    submitted = data["submitProposal"]
    assert submitted["errors"] == []
    assert submitted["proposal"]["status"] == "SUBMITTED"
    assert submitted["proposal"]["organisation"] == {"id": organisation, "name": RIGHTS_NETWORK}


# --- fund.graphql --------------------------------------------------------------------------


async def _fund_id(ops: Operations) -> str:
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
    assert fund["mous"]
    assert [m["seat"] for m in fund["steeringCommittee"]].count("CIVIL_SOCIETY") == 2


@runs("fund.graphql", "FundPledges")
async def fund_pledges(ops: Operations) -> None:
    fund = await _fund_id(ops)

    steering = await ops.data("fund.graphql", "FundPledges", {"fund": fund}, user=STEERING)
    donor = await ops.data("fund.graphql", "FundPledges", {"fund": fund}, user=DONOR)

    donors = {p["donor"]["name"] for p in nodes(steering["node"]["pledges"])}
    assert len(donors) == 4
    published = nodes(donor["node"]["pledges"])
    assert published
    assert {p["classification"] for p in published} == {"PUBLIC"}


@runs("fund.graphql", "RecordPledge")
async def record_pledge(ops: Operations) -> None:
    fund = await _fund_id(ops)
    donor = await _organisation_id("Donor government D (demo)")

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
    fund = await _fund_id(ops)
    donor = await _organisation_id("Donor government D (demo)")
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


# --- work_stream.graphql -------------------------------------------------------------------


async def _stream_id(ops: Operations, title: str, user: str = COORDINATOR) -> str:
    data = await ops.data("work_stream.graphql", "WorkStreams", {"search": title}, user=user)
    (stream,) = nodes(data["workStreams"])
    return str(stream["id"])


@runs("work_stream.graphql", "WorkStreams")
async def work_streams(ops: Operations) -> None:
    data = await ops.data("work_stream.graphql", "WorkStreams", user=TEAM_BANGLADESH)
    active = await ops.data(
        "work_stream.graphql", "WorkStreams", {"status": ["ACTIVE"]}, user=TEAM_BANGLADESH
    )

    titles = [s["title"] for s in nodes(data["workStreams"])]
    assert titles == sorted(titles)
    assert len(titles) == 3
    assert 0 < active["workStreams"]["totalCount"] < 3


@runs("work_stream.graphql", "WorkStream")
async def work_stream_page(ops: Operations) -> None:
    stream = await _stream_id(ops, HUB_STREAM)

    data = await ops.data("work_stream.graphql", "WorkStream", {"id": stream}, user=COORDINATOR)

    page = data["node"]
    assert page["title"] == HUB_STREAM
    assert page["localizedTitle"]["language"] == "EN"
    assert [m["organisation"]["name"] for m in page["members"]] == [
        "Business network on responsible recruitment (demo)"
    ]
    priorities = [p["title"]["text"] for p in nodes(data["priorities"])]
    assert priorities == ["A dedicated work stream on the knowledge platform and connection hub"]
    proposals = nodes(data["proposals"])
    assert [p["title"] for p in proposals] == [
        "Civil society in standing up the knowledge platform and connection hub"
    ]


@runs("work_stream.graphql", "UpdateWorkStream")
async def update_work_stream(ops: Operations) -> None:
    stream = await _stream_id(ops, "National GCM implementation", user=FOCAL_ASIA)

    data = await ops.data(
        "work_stream.graphql",
        "UpdateWorkStream",
        {"input": {"id": stream, "status": "PAUSED"}},
        user=FOCAL_ASIA,
    )

    assert data["updateWorkStream"]["errors"] == []
    assert data["updateWorkStream"]["workStream"]["status"] == "PAUSED"


# --- advocacy.graphql ----------------------------------------------------------------------


async def _note_id(ops: Operations, title: str) -> str:
    data = await ops.data("advocacy.graphql", "AdvocacyRegister", user=OFFICER)
    (note,) = [n for n in nodes(data["advocacyNotes"]) if n["title"] == title]
    return str(note["id"])


async def _draft(ops: Operations) -> str:
    data = await ops.data(
        "advocacy.graphql",
        "DraftStatement",
        {
            "input": {
                "title": [{"language": "EN", "text": "Civic space at regional reviews"}],
                "body": [{"language": "EN", "text": "The Network calls for open reviews."}],
            }
        },
        user=OFFICER,
    )
    assert data["draftStatement"]["errors"] == []
    return str(data["draftStatement"]["statement"]["id"])


@runs("advocacy.graphql", "AdvocacyRegister")
async def advocacy_register(ops: Operations) -> None:
    data = await ops.data("advocacy.graphql", "AdvocacyRegister", user=OFFICER)

    notes = nodes(data["advocacyNotes"])
    assert PRESSURE_NOTE in [n["title"] for n in notes]
    assert {n["classification"] for n in notes} == {"CONFIDENTIAL"}


@runs("advocacy.graphql", "AdvocacyNote")
async def advocacy_note(ops: Operations) -> None:
    note = await _note_id(ops, PRESSURE_NOTE)

    data = await ops.data("advocacy.graphql", "AdvocacyNote", {"id": note}, user=OFFICER)

    assert "asked not to be named" in data["node"]["body"]
    assert data["node"]["organisations"][0]["name"] == RIGHTS_NETWORK


@runs("advocacy.graphql", "Statements")
async def statements(ops: Operations) -> None:
    officer = await ops.data("advocacy.graphql", "Statements", user=OFFICER)
    partner = await ops.data("advocacy.graphql", "Statements", user=GLOBAL_PARTNER)

    assert officer["statements"]["totalCount"] == 2
    (public,) = nodes(partner["statements"])
    assert public["title"]["text"] == PUBLISHED
    assert public["status"] == "PUBLISHED"


@runs("advocacy.graphql", "Statement")
async def statement_page(ops: Operations) -> None:
    listed = await ops.data("advocacy.graphql", "Statements", {"search": "IMRF"}, user=OFFICER)
    (published,) = nodes(listed["statements"])

    data = await ops.data("advocacy.graphql", "Statement", {"id": published["id"]}, user=OFFICER)

    page = data["node"]
    assert page["body"]["text"]
    assert page["history"][-1]["toStatus"] == "PUBLISHED"


@runs("advocacy.graphql", "CreateAdvocacyNote")
async def create_advocacy_note(ops: Operations) -> None:
    data = await ops.data(
        "advocacy.graphql",
        "CreateAdvocacyNote",
        {"input": {"title": "Visit by officials", "body": "Details withheld.", "country": "BD"}},
        user=OFFICER,
    )

    created = data["createAdvocacyNote"]
    assert created["errors"] == []
    assert created["advocacyNote"]["classification"] == "CONFIDENTIAL"
    assert created["advocacyNote"]["status"] == "OPEN"


@runs("advocacy.graphql", "UpdateAdvocacyNote")
async def update_advocacy_note(ops: Operations) -> None:
    note = await _note_id(ops, PRESSURE_NOTE)

    data = await ops.data(
        "advocacy.graphql",
        "UpdateAdvocacyNote",
        {"input": {"id": note, "status": "IN_REVIEW", "riskLevel": "CRITICAL"}},
        user=OFFICER,
    )

    updated = data["updateAdvocacyNote"]
    assert updated["errors"] == []
    assert updated["advocacyNote"]["status"] == "IN_REVIEW"
    assert updated["advocacyNote"]["riskLevel"] == "CRITICAL"


@runs("advocacy.graphql", "ArchiveAdvocacyNote")
async def archive_advocacy_note(ops: Operations) -> None:
    note = await _note_id(ops, PRESSURE_NOTE)

    data = await ops.data("advocacy.graphql", "ArchiveAdvocacyNote", {"id": note}, user=OFFICER)
    register = await ops.data("advocacy.graphql", "AdvocacyRegister", user=OFFICER)

    assert data["archiveAdvocacyNote"]["advocacyNote"]["archivedAt"] is not None
    assert PRESSURE_NOTE not in [n["title"] for n in nodes(register["advocacyNotes"])]


@runs("advocacy.graphql", "DraftStatement")
async def draft_statement(ops: Operations) -> None:
    statement = await _draft(ops)

    data = await ops.data("advocacy.graphql", "Statement", {"id": statement}, user=OFFICER)

    assert data["node"]["status"] == "DRAFT"
    assert data["node"]["title"]["text"] == "Civic space at regional reviews"


@runs("advocacy.graphql", "ReviseStatement")
async def revise_statement(ops: Operations) -> None:
    statement = await _draft(ops)

    data = await ops.data(
        "advocacy.graphql",
        "ReviseStatement",
        {
            "input": {
                "id": statement,
                "title": [
                    {"language": "EN", "text": "Civic space at regional reviews"},
                    {"language": "FR", "text": "L'espace civique aux examens régionaux"},
                ],
            },
            "lang": "FR",
        },
        user=OFFICER,
    )

    revised = data["reviseStatement"]
    assert revised["errors"] == []
    assert revised["statement"]["title"] == {
        "text": "L'espace civique aux examens régionaux",
        "language": "FR",
    }


@runs("advocacy.graphql", "MoveStatement")
async def move_statement(ops: Operations) -> None:
    statement = await _draft(ops)

    data = await ops.data(
        "advocacy.graphql",
        "MoveStatement",
        {"input": {"id": statement, "status": "IN_REVIEW", "note": "Ready."}},
        user=OFFICER,
    )

    moved = data["moveStatement"]
    assert moved["errors"] == []
    assert moved["statement"]["status"] == "IN_REVIEW"
    assert moved["statement"]["history"][-1]["actor"] == OFFICER


@runs("advocacy.graphql", "ArchiveStatement")
async def archive_statement(ops: Operations) -> None:
    statement = await _draft(ops)

    data = await ops.data(
        "advocacy.graphql", "ArchiveStatement", {"id": statement}, user=COORDINATOR
    )

    assert data["archiveStatement"]["errors"] == []
    assert data["archiveStatement"]["statement"]["archivedAt"] is not None


# --- the tests -----------------------------------------------------------------------------


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
    fund = await _fund_id(ops)

    reply = await ops.run("fund.graphql", "FundPledges", {"fund": fund}, user=GLOBAL_PARTNER)

    assert reply.data["node"]["name"]
    assert reply.data["node"]["pledges"] is None
    assert reply.codes == ["FORBIDDEN"]
    assert reply.errors[0]["path"] == ["node", "pledges"]


async def test_a_partner_may_not_review_proposals(client: Client) -> None:
    ops = Operations(client)
    proposal = (await _submitted(ops, PARTNER))[0]

    reply = await ops.run(
        "proposals.graphql",
        "ReviewProposal",
        {"input": {"id": proposal["id"], "status": "UNDER_REVIEW"}},
        user=PARTNER,
    )

    assert reply.data is None
    assert reply.codes == ["FORBIDDEN"]
