"""Organisations and contacts change, organisations are archived, and a person's data is
erased at their request while their organisation's participation history stays."""

from __future__ import annotations

from hub.audit.models import AuditEntry
from hub.consultations.models import Consultation, Participant
from hub.directory.models import Contact, Organisation
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"
ADMIN = "admin@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
RIGHTS_NETWORK = "Migrant workers' rights network (demo)"

UPDATE_ORGANISATION = """
mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { name ecosocStatus country themes } errors { field code }
  }
}
"""
ARCHIVE_ORGANISATION = """
mutation($id: ID!) { archiveOrganisation(id: $id) { organisation { archivedAt } } }
"""
ORGANISATIONS = """
query($filter: OrganisationFilter) { organisations(first: 100, filter: $filter) {
  totalCount edges { node { name } } } }
"""
UPDATE_CONTACT = """
mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { name email } errors { field code } }
}
"""
ERASE = """
mutation($id: ID!) {
  eraseContact(id: $id) { contact { name position email phone consentToContact erasedAt } }
}
"""
CONTACTS = "{ contacts(first: 100) { edges { node { name } } } }"
PARTICIPANTS = """
query($id: ID!) { node(id: $id) { ... on Consultation {
  participants { organisation { name } contact { name } } } } }
"""


async def test_an_organisation_is_updated_and_its_themes_follow(client: Client) -> None:
    organisation = await Organisation.get(name=RIGHTS_NETWORK)
    reply = await client.gql(
        UPDATE_ORGANISATION,
        {
            "input": {
                "id": relay_id("Organisation", organisation.id),
                "ecosocStatus": "SPECIAL",
                "themes": ["GENDER"],
            }
        },
        user=TEAM_BANGLADESH,
    )
    assert reply.data["updateOrganisation"]["organisation"] == {
        "name": RIGHTS_NETWORK,
        "ecosocStatus": "SPECIAL",
        "country": "BD",
        "themes": ["GENDER"],
    }
    by_theme = await client.gql(ORGANISATIONS, {"filter": {"theme": ["GENDER"]}}, user=COORDINATOR)
    assert [e["node"]["name"] for e in by_theme.data["organisations"]["edges"]] == [RIGHTS_NETWORK]
    bad = await client.gql(
        UPDATE_ORGANISATION,
        {"input": {"id": relay_id("Organisation", organisation.id), "country": "BGD"}},
        user=TEAM_BANGLADESH,
    )
    assert bad.data["updateOrganisation"]["errors"] == [{"field": "country", "code": "INVALID"}]


async def test_a_public_organisation_is_beyond_a_national_team_member(client: Client) -> None:
    organisation = await Organisation.get(name="National Human Rights Commission, Bangladesh")
    reply = await client.gql(
        UPDATE_ORGANISATION,
        {"input": {"id": relay_id("Organisation", organisation.id), "name": "Renamed"}},
        user=TEAM_BANGLADESH,
    )
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    foreign = await client.gql(
        UPDATE_ORGANISATION,
        {"input": {"id": relay_id("Organisation", organisation.id), "name": "Renamed"}},
        user=FOCAL_EUROPE,
    )
    assert foreign.errors[0]["extensions"]["code"] == "NOT_FOUND"
    await organisation.refresh_from_db()
    assert organisation.name == "National Human Rights Commission, Bangladesh"


async def test_an_archived_organisation_leaves_lists(client: Client) -> None:
    organisation = await Organisation.get(name="International Committee of the Red Cross")
    await client.gql(
        ARCHIVE_ORGANISATION, {"id": relay_id("Organisation", organisation.id)}, user=COORDINATOR
    )
    listed = await client.gql(ORGANISATIONS, user=COORDINATOR)
    everything = await client.gql(
        ORGANISATIONS, {"filter": {"includeArchived": True}}, user=COORDINATOR
    )
    names = [e["node"]["name"] for e in listed.data["organisations"]["edges"]]
    assert organisation.name not in names
    assert everything.data["organisations"]["totalCount"] == len(names) + 1


async def test_contacts_are_updated_with_valid_emails_only(client: Client) -> None:
    contact = await Contact.get(name="Karim Hossain")
    contact_id = relay_id("Contact", contact.id)
    bad = await client.gql(
        UPDATE_CONTACT, {"input": {"id": contact_id, "email": "karim@nowhere"}}, user=COORDINATOR
    )
    good = await client.gql(
        UPDATE_CONTACT,
        {"input": {"id": contact_id, "email": " Karim@Rights-Network.example.org "}},
        user=COORDINATOR,
    )
    assert bad.data["updateContact"]["errors"] == [{"field": "email", "code": "INVALID"}]
    assert good.data["updateContact"]["errors"] == []
    await contact.refresh_from_db()
    assert contact.email == "karim@rights-network.example.org"


async def test_erasing_a_person_keeps_their_organisations_participation(client: Client) -> None:
    # given a person who took part in the consultation
    contact = await Contact.get(name="Farida Rahman")
    geneva = await Consultation.get(kind="multi_stakeholder")
    await Participant.create(
        tenant_id=geneva.tenant_id,
        consultation=geneva,
        organisation_id=contact.organisation_id,
        contact=contact,
        classification="public",
    )
    contact_id = relay_id("Contact", contact.id)
    # when an admin erases them
    reply = await client.gql(ERASE, {"id": contact_id}, user=ADMIN)
    # then nothing personal is left, anywhere
    erased = reply.data["eraseContact"]["contact"]
    assert {k: v for k, v in erased.items() if k != "erasedAt"} == {
        "name": "Erased contact",
        "position": "",
        "email": None,
        "phone": None,
        "consentToContact": False,
    }
    row = await Contact.get(id=contact.id)
    assert "Farida" not in " ".join([row.name, row.email, row.position, row.phone])
    listed = await client.gql(CONTACTS, user=COORDINATOR)
    assert "Erased contact" not in [e["node"]["name"] for e in listed.data["contacts"]["edges"]]
    page = await client.gql(
        PARTICIPANTS, {"id": relay_id("Consultation", geneva.id)}, user=COORDINATOR
    )
    assert {
        "organisation": {"name": RIGHTS_NETWORK},
        "contact": {"name": "Erased contact"},
    } in page.data["node"]["participants"]
    # and the erasure is audited without naming the person (the log outlives each test)
    [entry] = await AuditEntry.filter(action="contact.erase", object__contains=str(contact.id))
    assert entry.object == f"contact:{contact.id}"
    # and an erased contact cannot be filled in again
    again = await client.gql(
        UPDATE_CONTACT, {"input": {"id": contact_id, "name": "Farida"}}, user=COORDINATOR
    )
    assert again.data["updateContact"]["errors"] == [{"field": "id", "code": "ERASED"}]


async def test_only_admins_and_coordinators_erase(client: Client) -> None:
    contact = await Contact.get(name="Farida Rahman")
    reply = await client.gql(ERASE, {"id": relay_id("Contact", contact.id)}, user=TEAM_BANGLADESH)
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    await contact.refresh_from_db()
    assert contact.erased_at is None
