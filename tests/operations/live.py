"""Run cases for schema/operations/live.graphql: each subscription listens over a real
WebSocket while another user's operation makes the event."""

from __future__ import annotations

from hub.proposals.models import Proposal
from tests.conftest import relay_id
from tests.operations.runner import (
    COORDINATOR,
    PARTNER,
    RIGHTS_NETWORK,
    Operations,
    organisation_id,
    runs,
)


@runs("live.graphql", "ProposalArrived")
async def proposal_arrived(ops: Operations) -> None:
    async with ops.subscribe(
        "live.graphql", "ProposalArrived", {"lang": "FR"}, user=COORDINATOR
    ) as inbox:
        submitted = await ops.data(
            "proposals.graphql",
            "SubmitProposal",
            {
                "input": {
                    "organisation": await organisation_id(RIGHTS_NETWORK),
                    "target": "WORK_PLAN",
                    "localizedTitle": [
                        {"language": "EN", "text": "Interpretation at consultations"},
                        {"language": "FR", "text": "Interprétation aux consultations"},
                    ],
                    "themes": ["NON_DISCRIMINATION"],
                }
            },
            user=PARTNER,
            tenant="bangladesh",
        )
        arrived = (await inbox.next())["proposalSubmitted"]

    assert arrived["id"] == submitted["submitProposal"]["proposal"]["id"]
    assert arrived["localizedTitle"] == {
        "text": "Interprétation aux consultations",
        "language": "FR",
    }
    assert (arrived["status"], arrived["organisation"]["name"]) == ("SUBMITTED", RIGHTS_NETWORK)


@runs("live.graphql", "ProposalStatusMoved")
async def proposal_status_moved(ops: Operations) -> None:
    proposal = await Proposal.get(title="Address racism and xenophobia")
    async with ops.subscribe("live.graphql", "ProposalStatusMoved", user=COORDINATOR) as inbox:
        await ops.data(
            "proposals.graphql",
            "ReviewProposal",
            {"input": {"id": relay_id("Proposal", proposal.id), "status": "UNDER_REVIEW"}},
            user=COORDINATOR,
        )
        moved = (await inbox.next())["proposalStatusChanged"]

    assert moved["id"] == relay_id("Proposal", proposal.id)
    assert moved["status"] == "UNDER_REVIEW"
    assert moved["history"][-1]["toStatus"] == "UNDER_REVIEW"


@runs("live.graphql", "ConsultationAnnounced")
async def consultation_announced(ops: Operations) -> None:
    async with ops.subscribe(
        "live.graphql", "ConsultationAnnounced", {"lang": "ES"}, user=PARTNER, tenant="bangladesh"
    ) as consultations:
        await ops.data(
            "consultation_running.graphql",
            "CreateConsultation",
            {
                "input": {
                    "title": [
                        {"language": "EN", "text": "National consultation on returns"},
                        {"language": "ES", "text": "Consulta nacional sobre el retorno"},
                    ],
                    "kind": "NATIONAL",
                    "startsOn": "2027-02-10",
                    "endsOn": "2027-02-11",
                    "venue": "Dhaka",
                    "status": "ANNOUNCED",
                    "classification": "NETWORK",
                    "openForRegistration": True,
                    "capacity": 40,
                }
            },
            user=COORDINATOR,
            tenant="bangladesh",
        )
        announced = (await consultations.next())["consultationAnnounced"]

    assert announced["title"] == {
        "text": "Consulta nacional sobre el retorno",
        "language": "ES",
    }
    assert (announced["status"], announced["venue"]) == ("ANNOUNCED", "Dhaka")
    assert (announced["registrationOpen"], announced["placesLeft"]) == (True, 40)
