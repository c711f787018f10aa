"""What the audit log says of organisations and contacts: their confidential ones only,
one entry per request and action, as for every other domain (the paths that reach them are
all in tests/access/test_confidential_reads_audited.py)."""

from __future__ import annotations

from hub.audit.models import AuditEntry
from hub.core.classification import Classification
from hub.directory.models import Contact, Organisation
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"
LISTS = """
{ organisations(first: 50) { edges { node { id } } }
  contacts(first: 50) { edges { node { id organisation { id } } } } }
"""
UPDATE_ORG = """
mutation($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { id } errors { code } }
}
"""


async def test_organisations_and_contacts_below_confidential_are_not_audited(
    client: Client,
) -> None:
    # given
    before = await AuditEntry.all().count()
    organisation = await Organisation.all().order_by("name").first()
    assert organisation is not None
    assert organisation.classification != Classification.CONFIDENTIAL
    # when
    listed = await client.gql(LISTS, user=COORDINATOR)
    updated = await client.gql(
        UPDATE_ORG,
        {"input": {"id": relay_id("Organisation", organisation.id), "region": "Sahel"}},
        user=COORDINATOR,
    )
    # then
    assert listed.data["organisations"]["edges"], listed.body
    assert updated.data["updateOrganisation"]["errors"] == [], updated.body
    assert await AuditEntry.all().count() == before


async def test_a_request_reading_several_confidential_records_writes_one_entry_each_kind(
    client: Client,
) -> None:
    # given two confidential organisations and a confidential contact of one of them
    first, second = await Organisation.all().order_by("name").limit(2)
    await Organisation.filter(id__in=[first.id, second.id]).update(
        classification=Classification.CONFIDENTIAL
    )
    contact = await Contact.create(
        tenant_id=first.tenant_id,
        organisation=first,
        name="A confidential source",
        classification=Classification.CONFIDENTIAL,
    )
    before = await AuditEntry.all().order_by("-id").first()
    after_id = before.id if before else 0
    # when one request lists organisations and contacts (with their organisations)
    reply = await client.gql(LISTS, user=COORDINATOR)
    # then one entry per kind of read, naming every confidential record it read
    assert reply.status == 200, reply.body
    entries = await AuditEntry.filter(id__gt=after_id).order_by("id")
    by_action = {e.action: set(e.object.split()) for e in entries}
    assert by_action["contact.read"] == {f"contact:{contact.id}"}
    # the page of organisations in one entry, the contact's organisation loaded in another
    read = [set(e.object.split()) for e in entries if e.action == "organisation.read"]
    both = {f"organisation:{first.id}", f"organisation:{second.id}"}
    assert sorted(read, key=len) == [{f"organisation:{first.id}"}, both]
    assert {e.request_id for e in entries} == {entries[0].request_id}
