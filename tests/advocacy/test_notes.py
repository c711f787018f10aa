"""Advocacy notes: encrypted at rest, read only by those allowed, every read audited."""

from __future__ import annotations

from uuid import UUID

import pytest
from tortoise import Tortoise

from hub.access.crypto import UndecryptableText, decrypt, encrypt
from hub.advocacy.models import AdvocacyNote
from hub.audit.models import AuditEntry
from hub.core.config import Settings
from hub.directory.models import Organisation
from tests.conftest import Client, relay_id

NOTES = """
{ advocacyNotes { totalCount edges { node { id title body riskLevel classification
  organisations { name } } } } }
"""
CREATE = """
mutation($input: CreateAdvocacyNoteInput!) {
  createAdvocacyNote(input: $input) { advocacyNote { id title body } errors { field code } }
}
"""
OFFICER = "advocacy@network.example.org"
SECRET_WORDS = "Organisers asked not to be named"


async def test_officers_read_notes_and_each_read_is_audited(client: Client) -> None:
    # given
    before = await AuditEntry.filter(action="advocacy_note.read").count()
    # when
    reply = await client.gql(NOTES, user=OFFICER)
    # then
    nodes = {e["node"]["title"]: e["node"] for e in reply.data["advocacyNotes"]["edges"]}
    note = nodes["Pressure on a migrant workers' rights network"]
    assert "asked not to be named" in note["body"]
    assert note["organisations"] == [{"name": "Migrant workers' rights network (demo)"}]
    assert await AuditEntry.filter(action="advocacy_note.read").count() == before + 1
    entry = await AuditEntry.filter(action="advocacy_note.read").order_by("-id").first()
    assert entry is not None
    assert entry.actor == OFFICER
    assert entry.object.count("advocacy_note:") == 2


@pytest.mark.parametrize(
    "user",
    [
        "auditor@network.example.org",
        "focal.asia-pacific@network.example.org",
        "team.bangladesh@network.example.org",
    ],
)
async def test_confidential_notes_stay_hidden_from_other_roles(client: Client, user: str) -> None:
    note = await AdvocacyNote.first()
    assert note is not None
    listed = await client.gql("{ advocacyNotes { totalCount } }", user=user)
    fetched = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": relay_id("AdvocacyNote", note.id)},
        user=user,
    )
    assert listed.data == {"advocacyNotes": {"totalCount": 0}}
    assert fetched.data == {"node": None}


async def test_partners_may_not_ask_for_notes(client: Client) -> None:
    reply = await client.gql(NOTES, user="partner@civil-society.example.org")
    assert reply.codes == ["FORBIDDEN"]


async def test_a_database_dump_shows_no_plaintext(client: Client) -> None:
    # given
    org = await Organisation.get(name="Migrant workers' rights network (demo)")
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": "Visit by officials",
                "body": f"{SECRET_WORDS}: A. and B.",
                "organisations": [relay_id("Organisation", org.id)],
                "country": "bd",
            }
        },
        user=OFFICER,
        tenant="bangladesh",
    )
    assert reply.data["createAdvocacyNote"]["errors"] == []
    assert reply.data["createAdvocacyNote"]["advocacyNote"]["body"].startswith(SECRET_WORDS)
    # when the table is read as a dump would read it
    rows = await Tortoise.get_connection("default").execute_query_dict(
        "SELECT * FROM advocacy_note"
    )
    # then
    dump = " ".join(str(value) for row in rows for value in row.values())
    assert SECRET_WORDS not in dump
    assert "asked not to be named" not in dump


def test_a_body_opens_only_with_its_tenant_key_and_record() -> None:
    key = Settings().master_key_bytes
    tenant, other_tenant = UUID(int=1), UUID(int=2)
    note, other_note = UUID(int=10), UUID(int=11)
    sealed = encrypt(key, tenant, note, "names of defenders")
    assert decrypt(key, tenant, note, sealed) == "names of defenders"
    for wrong_tenant, wrong_note in ((other_tenant, note), (tenant, other_note)):
        with pytest.raises(UndecryptableText):
            decrypt(key, wrong_tenant, wrong_note, sealed)
    with pytest.raises(UndecryptableText):
        decrypt(bytes(32), tenant, note, sealed)


async def test_notes_about_organisations_out_of_reach_are_refused(client: Client) -> None:
    spain = await Organisation.get(name__startswith="Federación")
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": "x",
                "body": "y",
                "organisations": [relay_id("Organisation", spain.id)],
            }
        },
        user="team.bangladesh@network.example.org",
    )
    assert reply.codes == ["FORBIDDEN"]  # national members may not create notes at all
    officer = await client.gql(
        CREATE,
        {"input": {"title": "x", "body": "y", "organisations": [relay_id("Organisation", "nope")]}},
        user=OFFICER,
    )
    assert officer.data["createAdvocacyNote"]["errors"] == [
        {"field": "organisations", "code": "NOT_FOUND"}
    ]
