"""Adversarial, across every type: an object out of the caller's reach answers exactly as
one that does not exist, by `node`, by `nodes` and under aliases; and writes aimed at
foreign ids change nothing.

Each domain's own tests go further (lists, filters, nested fields, mutations); this suite
makes sure no type is forgotten: a new Node type fails it until it is listed here.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from strawberry import relay
from tortoise.models import Model

from hub.advocacy.models import AdvocacyNote, Statement
from hub.api.schema import schema
from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.directory.models import Contact, Organisation
from hub.fund.models import (
    Fund,
    FundProject,
    Mou,
    Pledge,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.initiatives.models import Initiative
from hub.knowledge.models import KnowledgeResource
from hub.proposals.models import Proposal
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.conftest import Client, relay_id

PARTNER = "partner@civil-society.example.org"  # civil_society_partner in Bangladesh
TEAM_BANGLADESH = "team.bangladesh@network.example.org"

# Every Node type, with a model and a filter naming a demo record out of the partner's
# reach: above its tenant, or above its classification, or of a kind it may not read. A
# shared record of the tenants above would reach the partner (see test_network_reach), so
# the test makes it RESTRICTED, which never travels.
OUT_OF_REACH: dict[str, tuple[type[Model], dict[str, Any]]] = {
    "WorkStream": (WorkStream, {"title": "The voice of the Network"}),
    "Organisation": (Organisation, {"name": "International Committee of the Red Cross"}),
    "Contact": (Contact, {"name": "Farida Rahman"}),
    "AdvocacyNote": (AdvocacyNote, {"title": "Pressure on a migrant workers' rights network"}),
    "Statement": (Statement, {"status": "published"}),
    "Proposal": (Proposal, {"title": "Develop the voice of the Network as a priority"}),
    "Consultation": (Consultation, {"kind": "multi_stakeholder"}),
    "Participant": (Participant, {"role": "speaker"}),
    "WorkingSession": (WorkingSession, {"number": 1}),
    "Fund": (Fund, {"currency": "USD"}),
    "ThematicArea": (ThematicArea, {"number": 1}),
    "FundProject": (FundProject, {"status": "approved"}),
    "Mou": (Mou, {"status": "signed"}),
    "SteeringCommitteeMember": (SteeringCommitteeMember, {"seat": "civil_society"}),
    "Pledge": (Pledge, {"status": "received"}),
    "Priority": (Priority, {"horizon": "long_term", "tenant__slug": "global"}),
    "WorkStreamMember": (WorkStreamMembership, {"role": "observer"}),
    "Initiative": (Initiative, {"tenant__slug": "global"}),
    "KnowledgeResource": (KnowledgeResource, {"tenant__slug": "global"}),
}


def test_every_node_type_is_covered() -> None:
    node_types = set()
    for name, concrete in schema.schema_converter.type_map.items():
        origin = getattr(concrete.definition, "origin", None)
        if isinstance(origin, type) and issubclass(origin, relay.Node) and origin is not relay.Node:
            node_types.add(name)
    assert node_types == set(OUT_OF_REACH)


async def _demo_id(type_name: str) -> str:
    model, where = OUT_OF_REACH[type_name]
    row = await model.filter(**where).first()
    assert row is not None, f"the demo has a {type_name} matching {where}"
    return relay_id(type_name, row.pk)


async def _foreign_id(type_name: str) -> str:
    """The demo record, made RESTRICTED where it is shared, so that it cannot travel."""
    model, where = OUT_OF_REACH[type_name]
    if "classification" in model._meta.fields_map:
        shared = model.filter(**where, classification__in=["public", "network"])
        await shared.update(classification="restricted")
    return await _demo_id(type_name)


@pytest.mark.parametrize("type_name", sorted(OUT_OF_REACH))
async def test_out_of_reach_answers_as_unknown(client: Client, type_name: str) -> None:
    # given an id out of reach and one that names nothing
    foreign = await _foreign_id(type_name)
    unknown = relay_id(type_name, uuid.uuid4())
    query = (
        "query($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } "
        "c: node(id: $a) { __typename } nodes(ids: [$a, $b]) { id } }"
    )
    # when
    reply = await client.gql(query, {"a": foreign, "b": unknown}, user=PARTNER)
    # then the two cannot be told apart
    assert reply.status == 200
    assert reply.body == {"data": {"a": None, "b": None, "c": None, "nodes": [None, None]}}


async def test_a_type_name_forged_onto_a_real_id_finds_nothing(client: Client) -> None:
    # given the id of a work stream the team sees, dressed as an advocacy note
    stream = await WorkStream.get(title="National GCM implementation with civil society")
    forged = relay_id("AdvocacyNote", stream.id)
    reply = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }", {"id": forged}, user=TEAM_BANGLADESH
    )
    assert reply.body == {"data": {"node": None}}


async def test_notes_stay_out_of_reach_through_every_field_that_leads_to_them(
    client: Client,
) -> None:
    # a national team member reads statements and organisations but not confidential notes
    queries = [
        "{ advocacyNotes { totalCount } }",
        "{ statements { edges { node { notes { id title } } } } }",
    ]
    replies = [await client.gql(q, user=TEAM_BANGLADESH) for q in queries]
    assert replies[0].data == {"advocacyNotes": {"totalCount": 0}}
    for edge in replies[1].data["statements"]["edges"]:
        assert edge["node"]["notes"] == []


UPDATE_NOTE = """
mutation($id: ID!) { updateAdvocacyNote(input: {id: $id, title: "Taken"}) {
  advocacyNote { id } errors { code } } }
"""
ARCHIVE_NOTE = "mutation($id: ID!) { archiveAdvocacyNote(id: $id) { advocacyNote { id } } }"
UPDATE_ORGANISATION = """
mutation($id: ID!) { updateOrganisation(input: {id: $id, name: "Taken"}) {
  organisation { id } errors { code } } }
"""
UPDATE_CONTACT = """
mutation($id: ID!) { updateContact(input: {id: $id, name: "Taken"}) {
  contact { id } errors { code } } }
"""
ERASE_CONTACT = "mutation($id: ID!) { eraseContact(id: $id) { contact { id } } }"


@pytest.mark.parametrize(
    ("user", "mutation", "type_name", "expected"),
    [
        # the partner holds no permission on notes or contacts at all
        (PARTNER, UPDATE_NOTE, "AdvocacyNote", "FORBIDDEN"),
        (PARTNER, ARCHIVE_NOTE, "AdvocacyNote", "FORBIDDEN"),
        # the Bangladesh team may update organisations and contacts, but not global ones
        (TEAM_BANGLADESH, UPDATE_ORGANISATION, "Organisation", "NOT_FOUND"),
        (PARTNER, UPDATE_CONTACT, "Contact", "FORBIDDEN"),
        (TEAM_BANGLADESH, ERASE_CONTACT, "Contact", "FORBIDDEN"),
    ],
)
async def test_writes_to_foreign_ids_change_nothing(
    client: Client, user: str, mutation: str, type_name: str, expected: str
) -> None:
    # a shared record of the tenants above may reach the caller, but writing stays home
    model, where = OUT_OF_REACH[type_name]
    before = await model.filter(**where).first().values()
    reply = await client.gql(mutation, {"id": await _demo_id(type_name)}, user=user)
    assert list(reply.data.values()) == [None]
    assert reply.errors[0]["extensions"]["code"] == expected
    assert await model.filter(**where).first().values() == before


async def test_a_note_of_another_subtree_is_not_found_even_for_an_officer(
    client: Client,
) -> None:
    # given an advocacy officer of Europe only
    from hub.access.service import grant_role

    officer = "officer.europe@network.example.org"
    await grant_role(officer, "advocacy_officer", "europe-central-asia", actor="test")
    await client.reload_policies()
    note_id = await _foreign_id("AdvocacyNote")
    # when
    update = await client.gql(UPDATE_NOTE, {"id": note_id}, user=officer)
    archive = await client.gql(ARCHIVE_NOTE, {"id": note_id}, user=officer)
    # then
    assert update.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert archive.errors[0]["extensions"]["code"] == "NOT_FOUND"
    note = await AdvocacyNote.get(title="Pressure on a migrant workers' rights network")
    assert (note.title, note.archived_at) == (
        "Pressure on a migrant workers' rights network",
        None,
    )
