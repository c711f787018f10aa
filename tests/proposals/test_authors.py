"""A partner follows its proposals: it names the consultation and working session they
came from, changes them until a reviewer takes them up, and may withdraw them instead;
nobody but the organisation's members may."""

from __future__ import annotations

from typing import Any

from hub.consultations.models import Consultation, WorkingSession
from hub.directory.models import Organisation
from hub.proposals.models import Proposal, ProposalTransition
from tests.conftest import Client, relay_id
from tests.proposals.queries import COORDINATOR, FOCAL_EUROPE, PARTNER, TEAM_BANGLADESH

RIGHTS_NETWORK = "Migrant workers' rights network (demo)"  # the partner belongs to it
GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"

SUBMIT = """
mutation($input: SubmitProposalInput!) { submitProposal(input: $input) {
  proposal { id status consultation { id } session { id number } }
  errors { field code }
} }
"""
UPDATE = """
mutation($input: UpdateProposalInput!) { updateProposal(input: $input) {
  proposal { id title body themes scope session { number } }
  errors { field code message }
} }
"""
WITHDRAW = """
mutation($input: WithdrawProposalInput!) { withdrawProposal(input: $input) {
  proposal { id status history { fromStatus toStatus actor note } }
  errors { field code message }
} }
"""
REVIEW = """
mutation($input: ReviewProposalInput!) { reviewProposal(input: $input) {
  proposal { status } errors { field code }
} }
"""
SHOWN = """
query($id: ID!) { node(id: $id) { ... on Proposal {
  title status consultation { id } session { id number }
} } }
"""


async def _geneva_session(number: int) -> WorkingSession:
    geneva = await Consultation.get(title_index=GENEVA)
    return await WorkingSession.get(consultation=geneva, number=number)


async def _submit(client: Client, **extra: Any) -> Any:
    organisation = await Organisation.get(name=RIGHTS_NETWORK)
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("Organisation", organisation.id),
                "target": "WORK_PLAN",
                "title": "Fund national civil-society consultations",
                "body": "As working session 2 asked.",
            }
            | extra
        },
        user=PARTNER,
    )
    return reply.data["submitProposal"]


async def _proposal(client: Client, **extra: Any) -> str:
    payload = await _submit(client, **extra)
    assert payload["errors"] == [], payload["errors"]
    return str(payload["proposal"]["id"])


def _problems(reply: Any, field: str) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in reply.data[field]["errors"]]


async def test_a_proposal_names_the_consultation_and_session_it_came_from(client: Client) -> None:
    # given a session of the global consultation, which reached the Bangladesh partner
    session = await _geneva_session(2)
    # when the partner names the session alone
    payload = await _submit(client, session=relay_id("WorkingSession", session.id))
    # then the proposal names the session and its consultation
    assert payload["errors"] == []
    shown = payload["proposal"]
    assert shown["session"] == {"id": relay_id("WorkingSession", session.id), "number": 2}
    assert shown["consultation"] == {"id": relay_id("Consultation", session.consultation_id)}


async def test_a_session_must_be_one_the_partner_sees_of_the_consultation_named(
    client: Client,
) -> None:
    session = await _geneva_session(1)
    mayors = await Consultation.get(tenant__slug="bangladesh")
    before = await Proposal.all().count()
    other = await _submit(
        client,
        consultation=relay_id("Consultation", mayors.id),
        session=relay_id("WorkingSession", session.id),
    )
    assert other["errors"] == [{"field": "session", "code": "NOT_OF_CONSULTATION"}]
    # a session of a restricted consultation is unknown to the partner
    await Consultation.filter(id=session.consultation_id).update(classification="restricted")
    await WorkingSession.filter(consultation_id=session.consultation_id).update(
        classification="restricted"
    )
    hidden = await _submit(client, session=relay_id("WorkingSession", session.id))
    assert hidden["errors"] == [{"field": "session", "code": "NOT_FOUND"}]
    assert await Proposal.all().count() == before


async def test_its_authors_change_it_until_a_reviewer_takes_it_up(client: Client) -> None:
    proposal = await _proposal(client)
    session = await _geneva_session(3)
    # when the partner changes it
    changed = await client.gql(
        UPDATE,
        {
            "input": {
                "id": proposal,
                "title": "Fund national consultations with civil society",
                "themes": ["DECENT_WORK"],
                "scope": "SITUATION_SPECIFIC",
                "session": relay_id("WorkingSession", session.id),
            }
        },
        user=PARTNER,
    )
    # then it reads back changed, the body as it was
    assert _problems(changed, "updateProposal") == []
    shown = changed.data["updateProposal"]["proposal"]
    assert shown["title"] == "Fund national consultations with civil society"
    assert shown["body"] == "As working session 2 asked."
    assert shown["themes"] == ["DECENT_WORK"]
    assert shown["session"] == {"number": 3}
    # when a reviewer takes it up, it is kept as it was sent
    taken = await client.gql(
        REVIEW, {"input": {"id": proposal, "status": "UNDER_REVIEW"}}, user=COORDINATOR
    )
    assert _problems(taken, "reviewProposal") == []
    late = await client.gql(UPDATE, {"input": {"id": proposal, "title": "Late"}}, user=PARTNER)
    assert _problems(late, "updateProposal") == [("id", "NOT_EDITABLE")]
    gone = await client.gql(WITHDRAW, {"input": {"id": proposal}}, user=PARTNER)
    assert _problems(gone, "withdrawProposal") == [("id", "NOT_EDITABLE")]
    stored = await Proposal.get(title="Fund national consultations with civil society")
    assert stored.status == "under_review"


async def test_a_withdrawn_proposal_stays_on_record_and_is_not_reviewed(client: Client) -> None:
    proposal = await _proposal(client)
    withdrawn = await client.gql(
        WITHDRAW, {"input": {"id": proposal, "note": "Merged into another"}}, user=PARTNER
    )
    assert _problems(withdrawn, "withdrawProposal") == []
    shown = withdrawn.data["withdrawProposal"]["proposal"]
    assert shown["status"] == "WITHDRAWN"
    assert shown["history"][-1] == {
        "fromStatus": "SUBMITTED",
        "toStatus": "WITHDRAWN",
        "actor": PARTNER,
        "note": "Merged into another",
    }
    review = await client.gql(
        REVIEW, {"input": {"id": proposal, "status": "UNDER_REVIEW"}}, user=COORDINATOR
    )
    assert _problems(review, "reviewProposal") == [("status", "INVALID_TRANSITION")]
    again = await client.gql(UPDATE, {"input": {"id": proposal, "title": "Back"}}, user=PARTNER)
    assert _problems(again, "updateProposal") == [("id", "NOT_EDITABLE")]


async def test_a_reviewer_does_not_withdraw_a_proposal(client: Client) -> None:
    proposal = await _proposal(client)
    reply = await client.gql(
        REVIEW, {"input": {"id": proposal, "status": "WITHDRAWN"}}, user=COORDINATOR
    )
    assert _problems(reply, "reviewProposal") == [("status", "INVALID_TRANSITION")]


async def test_only_its_organisations_members_change_or_withdraw_it(client: Client) -> None:
    proposal = await _proposal(client)
    steps = await ProposalTransition.all().count()
    for user, code in (
        (TEAM_BANGLADESH, "FORBIDDEN"),  # may submit proposals, not a member
        (COORDINATOR, "FORBIDDEN"),  # reviews it, not its author
        (FOCAL_EUROPE, "NOT_FOUND"),  # out of its subtree
    ):
        for document, field in ((UPDATE, "updateProposal"), (WITHDRAW, "withdrawProposal")):
            variables = {"input": {"id": proposal, "title": "Taken"}}
            if field == "withdrawProposal":
                variables = {"input": {"id": proposal}}
            reply = await client.gql(document, variables, user=user)
            assert reply.errors, (user, field, reply.data)
            assert reply.errors[0]["extensions"]["code"] == code, (user, field)
            assert reply.data == {field: None}
    stored = await Proposal.get(title="Fund national civil-society consultations")
    assert stored.status == "submitted"
    assert await ProposalTransition.all().count() == steps


async def test_a_session_removed_leaves_the_proposal_with_its_consultation(
    client: Client,
) -> None:
    session = await _geneva_session(4)
    proposal = await _proposal(client, session=relay_id("WorkingSession", session.id))
    removed = await client.gql(
        "mutation($id: ID!) { removeWorkingSession(input: {id: $id}) { errors { code } } }",
        {"id": relay_id("WorkingSession", session.id)},
        user=COORDINATOR,
    )
    assert removed.data["removeWorkingSession"]["errors"] == []
    shown = await client.gql(SHOWN, {"id": proposal}, user=PARTNER)
    assert shown.data["node"]["session"] is None
    assert shown.data["node"]["consultation"] == {
        "id": relay_id("Consultation", session.consultation_id)
    }
