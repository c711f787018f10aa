"""Statements: drafted, reviewed, approved, published; linked notes stay as secret as they
are; and advocacy notes change through their own workflow, re-encrypted and audited."""

from __future__ import annotations

from typing import Any

from hub.advocacy.models import AdvocacyNote, Statement, StatementTransition
from hub.audit.models import AuditEntry
from tests.conftest import Client, relay_id

OFFICER = "advocacy@network.example.org"
COORDINATOR = "coordinator@network.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"

STATEMENTS = """
query($status: [StatementStatus!], $search: String) {
  statements(status: $status, search: $search) {
    totalCount
    edges { node { id status classification title { text language } notes { title } } }
  }
}
"""
DRAFT = """
mutation($input: DraftStatementInput!) {
  draftStatement(input: $input) {
    statement { id status classification title { text } notes { title } history { toStatus } }
    errors { field code }
  }
}
"""
MOVE = """
mutation($input: MoveStatementInput!) {
  moveStatement(input: $input) {
    statement { status classification publishedAt
                history { fromStatus toStatus actor note } }
    errors { field code message }
  }
}
"""
REVISE = """
mutation($input: ReviseStatementInput!) {
  reviseStatement(input: $input) { statement { title(lang: FR) { text language } }
                                   errors { field code } }
}
"""
UPDATE_NOTE = """
mutation($input: UpdateAdvocacyNoteInput!) {
  updateAdvocacyNote(input: $input) {
    advocacyNote { status body riskLevel } errors { field code message }
  }
}
"""
PUBLISHED_TITLE = "The Network welcomes the participation of all stakeholders in the IMRF (demo)"


async def _titles(client: Client, user: str, **variables: Any) -> list[str]:
    reply = await client.gql(STATEMENTS, variables, user=user)
    assert not reply.errors, reply.errors
    return [e["node"]["title"]["text"] for e in reply.data["statements"]["edges"]]


async def test_a_partner_reads_published_statements_without_their_notes(client: Client) -> None:
    reply = await client.gql(STATEMENTS, user=GLOBAL_PARTNER)
    [edge] = reply.data["statements"]["edges"]
    assert edge["node"]["title"]["text"] == PUBLISHED_TITLE
    assert edge["node"]["classification"] == "PUBLIC"
    assert edge["node"]["notes"] == []  # the note that prompted it stays confidential


async def test_the_officer_sees_drafts_and_the_notes_behind_them(client: Client) -> None:
    reply = await client.gql(STATEMENTS, {"status": ["IN_REVIEW"]}, user=OFFICER)
    [edge] = reply.data["statements"]["edges"]
    assert edge["node"]["notes"] == [{"title": "Pressure on a migrant workers' rights network"}]
    assert await _titles(client, OFFICER, search="FEMI") == [PUBLISHED_TITLE]


async def test_from_draft_to_publication_each_step_with_its_permission(client: Client) -> None:
    # given a draft by the advocacy officer, prompted by a note
    note = await AdvocacyNote.get(title="Pressure on a migrant workers' rights network")
    drafted = await client.gql(
        DRAFT,
        {
            "input": {
                "title": [{"language": "EN", "text": "On civic space"}],
                "body": [{"language": "EN", "text": "The Network is concerned."}],
                "notes": [relay_id("AdvocacyNote", note.id)],
                "classification": "CONFIDENTIAL",
            }
        },
        user=OFFICER,
    )
    statement = drafted.data["draftStatement"]["statement"]
    assert statement["history"] == [{"toStatus": "DRAFT"}]

    async def move(user: str, status: str, note: str | None = None) -> Any:
        reply = await client.gql(
            MOVE, {"input": {"id": statement["id"], "status": status, "note": note}}, user=user
        )
        return reply

    # when / then
    assert (await move(OFFICER, "APPROVED")).errors[0]["extensions"]["code"] == "FORBIDDEN"
    review = (await move(OFFICER, "IN_REVIEW")).data["moveStatement"]
    assert review["statement"]["status"] == "IN_REVIEW"
    early = (await move(COORDINATOR, "PUBLISHED")).data["moveStatement"]
    assert early["errors"][0]["code"] == "INVALID_TRANSITION"
    approved = (await move(COORDINATOR, "APPROVED", "Cleared.")).data["moveStatement"]
    assert approved["statement"]["classification"] == "CONFIDENTIAL"
    revised = await client.gql(
        REVISE,
        {"input": {"id": statement["id"], "title": [{"language": "FR", "text": "X"}]}},
        user=OFFICER,
    )
    assert revised.data["reviseStatement"]["errors"] == [{"field": "id", "code": "LOCKED"}]
    published = (await move(COORDINATOR, "PUBLISHED")).data["moveStatement"]["statement"]
    assert published["classification"] == "PUBLIC"
    assert published["publishedAt"] is not None
    assert [(h["fromStatus"], h["toStatus"], h["actor"]) for h in published["history"]] == [
        (None, "DRAFT", OFFICER),
        ("DRAFT", "IN_REVIEW", OFFICER),
        ("IN_REVIEW", "APPROVED", COORDINATOR),
        ("APPROVED", "PUBLISHED", COORDINATOR),
    ]
    # and now partners read it, still without the note
    assert "On civic space" in await _titles(client, GLOBAL_PARTNER)


async def test_reading_notes_is_not_drafting_statements(client: Client) -> None:
    # given a note the coordinator may read
    note = await AdvocacyNote.get(title="Pressure on a migrant workers' rights network")
    before = await Statement.all().count()
    reply = await client.gql(
        DRAFT,
        {
            "input": {
                "title": [{"language": "EN", "text": "T"}],
                "body": [{"language": "EN", "text": "B"}],
                "notes": [relay_id("AdvocacyNote", note.id)],
            }
        },
        user=COORDINATOR,
    )
    # the coordinator may read notes but not draft statements
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Statement.all().count() == before


async def test_nobody_outside_the_subtree_moves_a_statement(client: Client) -> None:
    statement = await Statement.get(status="in_review")
    reply = await client.gql(
        MOVE,
        {"input": {"id": relay_id("Statement", statement.id), "status": "DRAFT"}},
        user=FOCAL_ASIA,
    )
    assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert await StatementTransition.filter(statement=statement).count() == 2


async def test_a_note_moves_through_its_workflow_and_is_re_encrypted(client: Client) -> None:
    # given
    note = await AdvocacyNote.get(title="Pressure on a migrant workers' rights network")
    before_cipher = note.body_encrypted
    audits = await AuditEntry.filter(action="advocacy_note.update").count()
    note_id = relay_id("AdvocacyNote", note.id)

    async def update(**changes: Any) -> Any:
        reply = await client.gql(UPDATE_NOTE, {"input": {"id": note_id, **changes}}, user=OFFICER)
        return reply.data["updateAdvocacyNote"]

    # when / then
    assert (await update(status="ACTIONED"))["errors"][0]["code"] == "INVALID_TRANSITION"
    changed = await update(status="IN_REVIEW", body="Updated account.", riskLevel="CRITICAL")
    assert changed["advocacyNote"] == {
        "status": "IN_REVIEW",
        "body": "Updated account.",
        "riskLevel": "CRITICAL",
    }
    await note.refresh_from_db()
    assert note.body_encrypted != before_cipher
    assert "Updated account." not in note.body_encrypted
    assert await AuditEntry.filter(action="advocacy_note.update").count() == audits + 1
    blank = await update(body="  ")
    assert [(e["field"], e["code"]) for e in blank["errors"]] == [("body", "REQUIRED")]


async def test_only_advocacy_officers_change_notes(client: Client) -> None:
    note = await AdvocacyNote.get(title="Pressure on a migrant workers' rights network")
    reply = await client.gql(
        UPDATE_NOTE,
        {"input": {"id": relay_id("AdvocacyNote", note.id), "status": "CLOSED"}},
        user=COORDINATOR,
    )
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    await note.refresh_from_db()
    assert note.status == "open"
