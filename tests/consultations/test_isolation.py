"""Adversarial: consultations, their sessions and participants stay within the caller's
subtree and classifications, and participants' contacts behind the contact rules."""

from __future__ import annotations

from datetime import date

from hub.consultations.models import Consultation, Participant
from hub.directory.models import Contact, Organisation
from hub.tenancy.models import Tenant
from tests.conftest import Client, relay_id
from tests.consultations.queries import (
    ADD_PARTICIPANT,
    ATTENDANCE,
    CONSULTATIONS,
    FOCAL_EUROPE,
    GLOBAL_PARTNER,
    PAGE,
    PARTNER,
    UPDATE,
    titles,
)

GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"
MAYORS = "Meeting of mayors and local authorities convened by the IMRF co-facilitators"


async def test_lists_hold_only_the_callers_subtree(client: Client) -> None:
    partner = await client.gql(CONSULTATIONS, {"first": 50}, user=PARTNER)
    europe = await client.gql(CONSULTATIONS, {"first": 50}, user=FOCAL_EUROPE)
    assert titles(partner.data) == [MAYORS]
    assert europe.data["consultations"]["totalCount"] == 0


NETWORK_SEARCH = """
query($search: String!) {
  consultations(filter: { search: $search }, scope: NETWORK) { totalCount edges { node { id } } }
}
"""


async def test_the_geneva_consultation_reaches_every_team_which_may_not_change_it(
    client: Client,
) -> None:
    # given the PUBLIC consultation of 4 April 2019, held in the global tenant
    geneva = await Consultation.get(title_index=GENEVA)
    geneva_id = relay_id("Consultation", geneva.id)
    # when a partner in Bangladesh and a focal point of Europe look for it and change it
    page = await client.gql(PAGE, {"id": geneva_id}, user=PARTNER)
    listed = await client.gql(CONSULTATIONS, {"filter": {"tenant": "global"}}, user=PARTNER)
    across = await client.gql(NETWORK_SEARCH, {"search": "Network on Migration"}, user=PARTNER)
    update = await client.gql(
        UPDATE, {"input": {"id": geneva_id, "status": "CANCELLED"}}, user=FOCAL_EUROPE
    )
    # then it reaches them, with its sessions and participants, though lists keep to
    # their subtree unless asked for the network; writing it stays with the global team
    node = page.data["node"]
    assert node["title"]["text"] == GENEVA
    assert len(node["sessions"]) == 4
    assert node["participants"]
    assert listed.data["consultations"]["totalCount"] == 0
    assert across.data["consultations"]["edges"] == [{"node": {"id": geneva_id}}]
    assert update.errors[0]["extensions"]["code"] == "NOT_FOUND"
    await geneva.refresh_from_db()
    assert geneva.status == "held"


async def test_no_path_reaches_a_restricted_consultation_of_another_tenant(
    client: Client,
) -> None:
    # given the Geneva consultation and its participants, made RESTRICTED: each record
    # travels by its own classification, and these stay in the global tenant
    await Consultation.filter(title_index=GENEVA).update(classification="restricted")
    geneva = await Consultation.get(title_index=GENEVA)
    await Participant.filter(consultation=geneva).update(classification="restricted")
    geneva_id = relay_id("Consultation", geneva.id)
    # the first by id: after the update above, the table's own order may differ from run to run
    participant = await Participant.filter(consultation=geneva).order_by("id").first()
    assert participant is not None
    attended = participant.attended
    participant_id = relay_id("Participant", participant.id)
    node = await client.gql(PAGE, {"id": geneva_id}, user=PARTNER)
    participant_node = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }", {"id": participant_id}, user=PARTNER
    )
    searched = await client.gql(NETWORK_SEARCH, {"search": "Network on Migration"}, user=PARTNER)
    by_tenant = await client.gql(CONSULTATIONS, {"filter": {"tenant": "global"}}, user=PARTNER)
    update = await client.gql(
        UPDATE, {"input": {"id": geneva_id, "status": "CANCELLED"}}, user=FOCAL_EUROPE
    )
    attendance = await client.gql(
        ATTENDANCE,
        {"input": {"participant": participant_id, "attended": not attended}},
        user=FOCAL_EUROPE,
    )
    assert node.data == {"node": None}
    assert participant_node.data == {"node": None}
    assert searched.data["consultations"]["totalCount"] == 0
    assert by_tenant.data["consultations"]["totalCount"] == 0
    assert update.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert attendance.errors[0]["extensions"]["code"] == "NOT_FOUND"
    await geneva.refresh_from_db()
    await participant.refresh_from_db()
    assert (geneva.status, participant.attended) == ("held", attended)


async def test_participants_contacts_follow_the_contact_rules(client: Client) -> None:
    # given a participant recorded with a contact person
    geneva = await Consultation.get(title_index=GENEVA)
    contact = await Contact.get(name="Nasrin Akter")
    await Participant.create(
        tenant_id=geneva.tenant_id,
        consultation=geneva,
        organisation_id=contact.organisation_id,
        contact=contact,
        classification="public",
    )
    # when a partner, who may not read contacts, opens the page
    reply = await client.gql(PAGE, {"id": relay_id("Consultation", geneva.id)}, user=GLOBAL_PARTNER)
    # then the participant is there, the person is not
    contacts = [p["contact"] for p in reply.data["node"]["participants"]]
    assert contacts.count(None) == len(contacts)


async def test_inviting_with_foreign_references_is_refused(client: Client) -> None:
    # given a regional focal point and a consultation of its own region
    europe = await Tenant.get(slug="europe-central-asia")
    own = await Consultation.create(
        tenant=europe,
        title={"en": "Regional"},
        title_index="Regional",
        search_text="Regional",
        kind="regional",
        starts_on=date(2019, 6, 1),
        ends_on=date(2019, 6, 1),
        online=True,
    )
    foreign_org = await Organisation.get(name="Migrant workers' rights network (demo)")
    foreign_contact = await Contact.get(name="Farida Rahman")
    # when
    reply = await client.gql(
        ADD_PARTICIPANT,
        {
            "input": {
                "consultation": relay_id("Consultation", own.id),
                "organisation": relay_id("Organisation", foreign_org.id),
                "contact": relay_id("Contact", foreign_contact.id),
            }
        },
        user=FOCAL_EUROPE,
    )
    # then
    errors = reply.data["addParticipant"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("organisation", "NOT_FOUND"),
        ("contact", "NOT_FOUND"),
    ]
    assert not await Participant.exists(consultation=own)
