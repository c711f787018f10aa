"""A grant or rule for an organisation reaches the people who belong to it."""

from __future__ import annotations

from hub.access.models import CasbinRule
from hub.access.service import grant_role
from hub.directory.models import Organisation
from hub.stakeholders.membership import join, leave
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id

MEMBER = "rina@rights-network.example.org"
OTHER_PARTNER = "other.partner@civil-society.example.org"
VIEWER = "{ viewer { roles } }"
NODE = "query($id: ID!) { node(id: $id) { ... on WorkStream { title } } }"


async def _organisation() -> Organisation:
    return await Organisation.get(name="Migrant workers' rights network (demo)")


async def test_a_role_given_to_an_organisation_reaches_its_members(client: Client) -> None:
    # given
    organisation = await _organisation()
    await join(MEMBER, str(organisation.id), None, actor="test")
    await client.reload_policies()
    assert (await client.gql(VIEWER, user=MEMBER)).status == 403  # membership alone: no role
    # when
    await grant_role(f"org:{organisation.id}", "civil_society_partner", "bangladesh", actor="test")
    await client.reload_policies()
    # then
    reply = await client.gql(VIEWER, user=MEMBER)
    assert reply.data == {"viewer": {"roles": ["civil_society_partner"]}}
    assert (await client.gql(VIEWER, user=MEMBER, tenant="dhaka")).status == 200
    assert (await client.gql(VIEWER, user=MEMBER, tenant="asia-pacific")).status == 403


async def test_a_work_stream_opened_to_an_organisation_reaches_members_only(
    client: Client,
) -> None:
    # given
    organisation = await _organisation()
    await join(MEMBER, str(organisation.id), None, actor="test")
    await grant_role(f"org:{organisation.id}", "civil_society_partner", "bangladesh", actor="test")
    await grant_role(OTHER_PARTNER, "civil_society_partner", "bangladesh", actor="test")
    stream = await WorkStream.create(
        tenant_id=organisation.tenant_id,
        title="Shared with the network's partner",
        classification="restricted",
    )
    await CasbinRule.create(
        ptype="p",
        v0=f"org:{organisation.id}",
        v1="/global/asia-pacific/bangladesh",
        v2=f"work_stream:{stream.id}",
        v3="read",
        v4="allow",
    )
    await client.reload_policies()
    variables = {"id": relay_id("WorkStream", stream.id)}
    # when
    member = await client.gql(NODE, variables, user=MEMBER)
    other_partner = await client.gql(NODE, variables, user=OTHER_PARTNER)
    # then
    assert member.data == {"node": {"title": "Shared with the network's partner"}}
    assert other_partner.data == {"node": None}
    # and leaving the organisation ends it
    await leave(MEMBER, str(organisation.id), None, actor="test")
    await client.reload_policies()
    assert (await client.gql(NODE, variables, user=MEMBER)).status == 403
