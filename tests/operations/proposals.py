"""Run cases for schema/operations/proposals.graphql."""

from __future__ import annotations

from hub.proposals.models import Proposal
from tests.conftest import relay_id
from tests.operations.runner import (
    COORDINATOR,
    FOCAL_ASIA,
    PARTNER,
    RIGHTS_NETWORK,
    TEAM_BANGLADESH,
    Operations,
    nodes,
    organisation_id,
    runs,
)


async def submitted(ops: Operations, user: str) -> list[dict[str, object]]:
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
    assert await submitted(ops, FOCAL_ASIA)


@runs("proposals.graphql", "Proposal")
async def proposal_page(ops: Operations) -> None:
    first = (await submitted(ops, COORDINATOR))[0]

    data = await ops.data("proposals.graphql", "Proposal", {"id": first["id"]}, user=COORDINATOR)

    page = data["node"]
    assert page["title"] == first["title"]
    assert page["body"]
    assert page["history"][0]["toStatus"] == "SUBMITTED"


@runs("proposals.graphql", "ReviewProposal")
async def review_proposal(ops: Operations) -> None:
    proposal = (await submitted(ops, FOCAL_ASIA))[0]

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
    proposal = (await submitted(ops, COORDINATOR))[0]

    data = await ops.data(
        "proposals.graphql", "ArchiveProposal", {"input": {"id": proposal["id"]}}, user=COORDINATOR
    )

    assert data["archiveProposal"]["errors"] == []
    assert data["archiveProposal"]["proposal"]["archivedAt"] is not None
    assert proposal["id"] not in [p["id"] for p in await submitted(ops, COORDINATOR)]


@runs("proposals.graphql", "SubmitProposal")
async def submit_proposal(ops: Operations) -> None:
    organisation = await organisation_id(RIGHTS_NETWORK)

    data = await ops.data(
        "proposals.graphql",
        "SubmitProposal",
        {
            "input": {
                "organisation": organisation,
                "target": "OPEN_CALL",
                "localizedTitle": [
                    {"language": "EN", "text": "Interpretation at national consultations"}
                ],
                "themes": ["NON_DISCRIMINATION"],
            }
        },
        user=PARTNER,
    )

    submitted = data["submitProposal"]
    assert submitted["errors"] == []
    assert submitted["proposal"]["status"] == "SUBMITTED"
    assert submitted["proposal"]["organisation"] == {"id": organisation, "name": RIGHTS_NETWORK}


COMMISSION = "National Human Rights Commission, Bangladesh"


async def _submitted_by_partner(ops: Operations) -> str:
    data = await ops.data(
        "proposals.graphql",
        "SubmitProposal",
        {
            "input": {
                "organisation": await organisation_id(RIGHTS_NETWORK),
                "target": "WORK_PLAN",
                "localizedTitle": [
                    {"language": "EN", "text": "Interpretation at national consultations"}
                ],
            }
        },
        user=PARTNER,
    )
    return str(data["submitProposal"]["proposal"]["id"])


@runs("proposals.graphql", "UpdateProposal")
async def update_proposal(ops: Operations) -> None:
    proposal = await _submitted_by_partner(ops)

    data = await ops.data(
        "proposals.graphql",
        "UpdateProposal",
        {
            "input": {
                "id": proposal,
                "localizedBody": [{"language": "EN", "text": "Sign and spoken languages alike."}],
            }
        },
        user=PARTNER,
    )

    assert data["updateProposal"]["errors"] == []
    assert data["updateProposal"]["proposal"]["body"] == "Sign and spoken languages alike."


@runs("proposals.graphql", "WithdrawProposal")
async def withdraw_proposal(ops: Operations) -> None:
    proposal = await _submitted_by_partner(ops)

    data = await ops.data(
        "proposals.graphql",
        "WithdrawProposal",
        {"input": {"id": proposal, "note": "Raised in the national consultation instead."}},
        user=PARTNER,
    )

    assert data["withdrawProposal"]["errors"] == []
    assert data["withdrawProposal"]["proposal"]["status"] == "WITHDRAWN"
    assert data["withdrawProposal"]["proposal"]["history"][-1]["actor"] == PARTNER


async def _global_proposal(title: str) -> str:
    return relay_id("Proposal", (await Proposal.get(title=title)).id)


@runs("proposals.graphql", "ProposalDiscussion")
async def proposal_discussion(ops: Operations) -> None:
    proposal = await _global_proposal("Partners without ECOSOC accreditation in the IMRF")

    data = await ops.data(
        "proposals.graphql", "ProposalDiscussion", {"id": proposal}, user=COORDINATOR
    )

    assert data["node"]["endorsementCount"] == 1
    assert data["node"]["endorsements"][0]["organisation"]["name"].startswith(
        "International Federation of Red Cross"
    )


@runs("proposals.graphql", "EndorseProposal")
async def endorse_proposal(ops: Operations) -> None:
    # a proposal of Bangladesh's human rights commission, which the partner's network backs
    submitted = await ops.data(
        "proposals.graphql",
        "SubmitProposal",
        {
            "input": {
                "organisation": await organisation_id(COMMISSION),
                "target": "WORK_PLAN",
                "localizedTitle": [{"language": "EN", "text": "Returnees in the national plan"}],
            }
        },
        user=COORDINATOR,
        tenant="bangladesh",
    )

    data = await ops.data(
        "proposals.graphql",
        "EndorseProposal",
        {
            "input": {
                "proposal": submitted["submitProposal"]["proposal"]["id"],
                "organisation": await organisation_id(RIGHTS_NETWORK),
            }
        },
        user=PARTNER,
    )

    assert data["endorseProposal"]["errors"] == []
    assert data["endorseProposal"]["endorsement"]["organisation"]["name"] == RIGHTS_NETWORK


@runs("proposals.graphql", "AddProposalComment")
async def add_comment(ops: Operations) -> None:
    proposal = await _submitted_by_partner(ops)

    data = await ops.data(
        "proposals.graphql",
        "AddProposalComment",
        {"input": {"proposal": proposal, "body": "Which consultations, and when?"}},
        user=TEAM_BANGLADESH,
    )

    assert data["addProposalComment"]["errors"] == []
    assert data["addProposalComment"]["comment"]["classification"] == "NETWORK"
