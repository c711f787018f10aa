"""Run cases for schema/operations/advocacy.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    COORDINATOR,
    GLOBAL_PARTNER,
    OFFICER,
    PRESSURE_NOTE,
    PUBLISHED,
    RIGHTS_NETWORK,
    Operations,
    nodes,
    runs,
)


async def note_id(ops: Operations, title: str) -> str:
    data = await ops.data("advocacy.graphql", "AdvocacyRegister", user=OFFICER)
    (note,) = [n for n in nodes(data["advocacyNotes"]) if n["title"] == title]
    return str(note["id"])


async def draft(ops: Operations) -> str:
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
    note = await note_id(ops, PRESSURE_NOTE)

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
    note = await note_id(ops, PRESSURE_NOTE)

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
    note = await note_id(ops, PRESSURE_NOTE)

    data = await ops.data("advocacy.graphql", "ArchiveAdvocacyNote", {"id": note}, user=OFFICER)
    register = await ops.data("advocacy.graphql", "AdvocacyRegister", user=OFFICER)

    assert data["archiveAdvocacyNote"]["advocacyNote"]["archivedAt"] is not None
    assert PRESSURE_NOTE not in [n["title"] for n in nodes(register["advocacyNotes"])]


@runs("advocacy.graphql", "DraftStatement")
async def draft_statement(ops: Operations) -> None:
    statement = await draft(ops)

    data = await ops.data("advocacy.graphql", "Statement", {"id": statement}, user=OFFICER)

    assert data["node"]["status"] == "DRAFT"
    assert data["node"]["title"]["text"] == "Civic space at regional reviews"


@runs("advocacy.graphql", "ReviseStatement")
async def revise_statement(ops: Operations) -> None:
    statement = await draft(ops)

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
    statement = await draft(ops)

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
    statement = await draft(ops)

    data = await ops.data(
        "advocacy.graphql", "ArchiveStatement", {"id": statement}, user=COORDINATOR
    )

    assert data["archiveStatement"]["errors"] == []
    assert data["archiveStatement"]["statement"]["archivedAt"] is not None
