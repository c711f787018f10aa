"""Organisations endorse proposals and the count follows; proposals are discussed in
comments whose classification is their own, never below the proposal's, each audited."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hub.audit.models import AuditEntry
from hub.directory.models import Organisation
from hub.proposals.models import Endorsement, Proposal, ProposalComment
from tests.conftest import Client, relay_id
from tests.proposals.queries import COORDINATOR, PARTNER, TEAM_BANGLADESH

RIGHTS_NETWORK = "Migrant workers' rights network (demo)"  # the partner belongs to it
RETURNEES = "Returnee migrants' association (demo)"
OWN = "Regular pathways for returning migrant workers (demo)"  # the rights network's
GLOBAL = "Develop the voice of the Network as a priority"  # global: reaches the partner

ENDORSE = """
mutation($input: EndorsementInput!) { endorseProposal(input: $input) {
  endorsement { organisation { name } endorsedAt } errors { field code } } }
"""
UNENDORSE = """
mutation($input: EndorsementInput!) { withdrawEndorsement(input: $input) {
  proposal { endorsementCount } errors { field code } } }
"""
COMMENT = """
mutation($input: AddProposalCommentInput!) { addProposalComment(input: $input) {
  comment { author body classification } errors { field code } } }
"""
SHOWN = """
query($id: ID!) { node(id: $id) { ... on Proposal {
  endorsementCount endorsements { organisation { name } }
  comments { author body classification }
} } }
"""


async def _id(title: str) -> str:
    return relay_id("Proposal", (await Proposal.get(title=title)).id)


async def _organisation(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


async def _bangladesh_proposal(client: Client) -> str:
    """A proposal of Bangladesh's human rights commission, recorded by the coordinator."""
    reply = await client.gql(
        """mutation($input: SubmitProposalInput!) { submitProposal(input: $input) {
             proposal { id } errors { code } } }""",
        {
            "input": {
                "organisation": await _organisation("National Human Rights Commission, Bangladesh"),
                "target": "WORK_PLAN",
                "title": "Returnees in the national plan",
            }
        },
        user=COORDINATOR,
        tenant="bangladesh",
    )
    assert reply.data["submitProposal"]["errors"] == [], reply.data
    return str(reply.data["submitProposal"]["proposal"]["id"])


def _codes(reply: Any, field: str) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in reply.data[field]["errors"]]


async def test_an_organisation_endorses_a_proposal_once_and_the_count_follows(
    client: Client,
) -> None:
    proposal = await _bangladesh_proposal(client)
    organisation = await _organisation(RIGHTS_NETWORK)
    asked = {"input": {"proposal": proposal, "organisation": organisation}}
    # when the partner endorses it twice at once
    replies = await asyncio.gather(*(client.gql(ENDORSE, asked, user=PARTNER) for _ in range(2)))
    # then one endorsement is recorded, the other refused
    assert sorted(_codes(r, "endorseProposal") for r in replies) == [
        [],
        [("organisation", "DUPLICATE")],
    ]
    shown = await client.gql(SHOWN, {"id": proposal}, user=TEAM_BANGLADESH)
    assert shown.data["node"]["endorsementCount"] == 1
    assert shown.data["node"]["endorsements"] == [{"organisation": {"name": RIGHTS_NETWORK}}]
    # and withdrawn, it counts no more
    withdrawn = await client.gql(UNENDORSE, asked, user=PARTNER)
    assert withdrawn.data["withdrawEndorsement"]["proposal"]["endorsementCount"] == 0
    again = await client.gql(UNENDORSE, asked, user=PARTNER)
    assert _codes(again, "withdrawEndorsement") == [("organisation", "NOT_ENDORSED")]


async def test_endorsements_are_refused_where_they_make_no_sense(client: Client) -> None:
    organisation = await _organisation(RIGHTS_NETWORK)
    own = await client.gql(
        ENDORSE,
        {"input": {"proposal": await _id(OWN), "organisation": organisation}},
        user=PARTNER,
    )
    assert _codes(own, "endorseProposal") == [("organisation", "OWN_PROPOSAL")]
    # not in the name of an organisation the partner does not belong to
    other = await client.gql(
        ENDORSE,
        {
            "input": {
                "proposal": await _bangladesh_proposal(client),
                "organisation": await _organisation(RETURNEES),
            }
        },
        user=PARTNER,
    )
    assert other.errors[0]["extensions"]["code"] == "FORBIDDEN"
    # a proposal that only reached the partner is not endorsed from here: writes stay home
    reached = await client.gql(
        ENDORSE,
        {"input": {"proposal": await _id(GLOBAL), "organisation": organisation}},
        user=PARTNER,
    )
    assert reached.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert await Endorsement.filter(organisation__name=RIGHTS_NETWORK).count() == 0


async def test_comments_keep_their_own_classification(client: Client) -> None:
    proposal = await _bangladesh_proposal(client)
    # a reviewers' comment, restricted, and one for the organisation, network (the national
    # team reads restricted comments but writes only shared ones)
    restricted = await client.gql(
        COMMENT,
        {
            "input": {
                "proposal": proposal,
                "body": "Check with the ministry",
                "classification": "RESTRICTED",
            }
        },
        user=COORDINATOR,
        tenant="bangladesh",
    )
    shared = await client.gql(
        COMMENT,
        {"input": {"proposal": proposal, "body": "Thank you: we take it up."}},
        user=TEAM_BANGLADESH,
    )
    assert _codes(restricted, "addProposalComment") == []
    assert _codes(shared, "addProposalComment") == []
    # then the team reads both, the partner only the shared one
    team = await client.gql(SHOWN, {"id": proposal}, user=TEAM_BANGLADESH)
    partner = await client.gql(SHOWN, {"id": proposal}, user=PARTNER)
    assert [c["body"] for c in team.data["node"]["comments"]] == [
        "Check with the ministry",
        "Thank you: we take it up.",
    ]
    assert [c["body"] for c in partner.data["node"]["comments"]] == ["Thank you: we take it up."]
    # neither the partner nor the national team may write a restricted comment
    for user in (PARTNER, TEAM_BANGLADESH):
        refused = await client.gql(
            COMMENT,
            {"input": {"proposal": proposal, "body": "Psst", "classification": "RESTRICTED"}},
            user=user,
        )
        assert refused.errors[0]["extensions"]["code"] == "FORBIDDEN", user
    # and every comment written is in the audit log
    entries = await AuditEntry.filter(action="proposal.comment.create").count()
    assert entries == 2


async def test_a_comment_is_never_shared_more_widely_than_its_proposal(client: Client) -> None:
    proposal = await _bangladesh_proposal(client)
    await Proposal.filter(title="Returnees in the national plan").update(
        classification="restricted"
    )
    reply = await client.gql(
        COMMENT,
        {"input": {"proposal": proposal, "body": "Public note", "classification": "PUBLIC"}},
        user=TEAM_BANGLADESH,
    )
    assert _codes(reply, "addProposalComment") == [("classification", "BELOW_PROPOSAL")]
    assert await ProposalComment.all().count() == 0


async def test_a_confidential_comment_read_is_audited(client: Client) -> None:
    proposal = await _bangladesh_proposal(client)
    written = await client.gql(
        COMMENT,
        {"input": {"proposal": proposal, "body": "Sensitive", "classification": "CONFIDENTIAL"}},
        user=COORDINATOR,
        tenant="bangladesh",
    )
    assert _codes(written, "addProposalComment") == []
    before = await AuditEntry.filter(action="proposal.comment.read").count()
    shown = await client.gql(SHOWN, {"id": proposal}, user=COORDINATOR)
    assert [c["body"] for c in shown.data["node"]["comments"]] == ["Sensitive"]
    assert await AuditEntry.filter(action="proposal.comment.read").count() == before + 1
    partner = await client.gql(SHOWN, {"id": proposal}, user=PARTNER)
    assert partner.data["node"]["comments"] == []


@pytest.mark.parametrize("user", [PARTNER, TEAM_BANGLADESH])
async def test_comments_on_a_proposal_out_of_reach_are_refused(client: Client, user: str) -> None:
    hidden = await Proposal.get(title=GLOBAL)
    await Proposal.filter(id=hidden.id).update(classification="restricted")
    reply = await client.gql(
        COMMENT,
        {"input": {"proposal": relay_id("Proposal", hidden.id), "body": "Hello"}},
        user=user,
    )
    assert _codes(reply, "addProposalComment") == [("proposal", "NOT_FOUND")]
    assert await ProposalComment.all().count() == 0
