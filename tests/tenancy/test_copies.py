"""A hub writes only the records of the tenants it owns: those of a tenant another hub owns
are read-only copies here, shown with their origin, and every write to them is refused
with the owning hub named (docs/federation.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from hub.audit.models import AuditEntry
from hub.directory.models import Organisation
from hub.fund.models import Fund
from hub.proposals.models import Proposal, ProposalComment
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"  # in global, reviews proposals everywhere
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
ADMIN = "admin@network.example.org"
RIGHTS_NETWORK = "Migrant workers' rights network (demo)"
REGION = "asia-pacific"

ORIGINS = """
query { proposals(first: 100, scope: NETWORK) { edges { node {
  title origin { hub tenant { slug } } tenant { slug }
} } } }
"""


@pytest.fixture
async def bangladesh_elsewhere(client: Client) -> AsyncIterator[None]:
    """Bangladesh and the tenants below it owned by the Asia-Pacific hub: in this hub (the
    global one, by default) their records are copies."""
    # A change of the tenants counts as a write of the tenant-less tables: the tenants the
    # process holds are read again.
    await Tenant.filter(path__startswith="/global/asia-pacific/bangladesh").update(hub=REGION)
    yield
    await Tenant.filter(hub=REGION).update(hub="")


def _refusal(reply: Any, field: str) -> dict[str, Any]:
    assert reply.data is None or reply.data.get(field) is None, reply.body
    [error] = reply.errors
    assert error["path"] == [field]
    return dict(error["extensions"]) | {"message": error["message"]}


async def test_copies_show_the_hub_that_owns_them(
    client: Client, bangladesh_elsewhere: None
) -> None:
    reply = await client.gql(ORIGINS, user=COORDINATOR)
    origins = {
        (node["tenant"]["slug"], node["origin"]["hub"], node["origin"]["tenant"]["slug"])
        for node in (edge["node"] for edge in reply.data["proposals"]["edges"])
    }
    assert ("bangladesh", REGION, "bangladesh") in origins
    assert ("global", "global", "global") in origins
    assert {hub for slug, hub, _ in origins if slug != "bangladesh"} == {"global"}


async def test_every_write_to_a_copy_is_refused_naming_the_owning_hub(
    client: Client, bangladesh_elsewhere: None
) -> None:
    proposal = await Proposal.filter(tenant__slug="bangladesh").first()
    organisation = await Organisation.get(name=RIGHTS_NETWORK)
    assert proposal is not None
    proposal_id = relay_id("Proposal", proposal.id)
    before = (
        proposal.status,
        await ProposalComment.all().count(),
        await AuditEntry.all().count(),
    )
    attempts = {
        # From the global tenant, on records of the copied tenants below it
        "reviewProposal": (
            "mutation($id: ID!) { reviewProposal(input: { id: $id, status: UNDER_REVIEW }) "
            "{ proposal { status } errors { code } } }",
            {"id": proposal_id},
            COORDINATOR,
            None,
        ),
        "archiveProposal": (
            "mutation($id: ID!) { archiveProposal(input: { id: $id }) "
            "{ proposal { id } errors { code } } }",
            {"id": proposal_id},
            COORDINATOR,
            None,
        ),
        "addProposalComment": (
            'mutation($id: ID!) { addProposalComment(input: { proposal: $id, body: "Noted.", '
            "classification: RESTRICTED }) { comment { body } errors { code } } }",
            {"id": proposal_id},
            COORDINATOR,
            None,
        ),
        "archiveOrganisation": (
            "mutation($id: ID!) { archiveOrganisation(id: $id) { organisation { id } } }",
            {"id": relay_id("Organisation", organisation.id)},
            COORDINATOR,
            None,
        ),
        # In the copied tenant itself: what a mutation creates would live there
        "submitProposal": (
            "mutation($org: ID!) { submitProposal(input: { organisation: $org, "
            'target: WORK_PLAN, localizedTitle: [{ language: EN, text: "Here" }] }) '
            "{ proposal { id } errors { code } } }",
            {"org": relay_id("Organisation", organisation.id)},
            PARTNER,
            "bangladesh",
        ),
        "createWorkStream": (
            "mutation { createWorkStream(input: { localizedTitle: "
            '[{ language: EN, text: "Here" }] }) { workStream { id } errors { code } } }',
            {},
            TEAM_BANGLADESH,
            "bangladesh",
        ),
    }
    streams = await WorkStream.all().count()
    proposals = await Proposal.all().count()
    for field, (document, variables, user, tenant) in attempts.items():
        reply = await client.gql(document, variables, user=user, tenant=tenant)
        refusal = _refusal(reply, field)
        assert refusal["code"] == "READ_ONLY_COPY", (field, refusal)
        assert refusal["hub"] == REGION, field
        assert refusal["tenant"] == "bangladesh", field
        assert "hub 'asia-pacific'" in refusal["message"], field

    # Nothing was written, and nothing audited as written
    after = await Proposal.get(id=proposal.id)
    assert (after.status, after.archived_at) == (before[0], None)
    assert await ProposalComment.all().count() == before[1]
    assert await AuditEntry.all().count() == before[2]
    assert (await Organisation.get(id=organisation.id)).archived_at is None
    assert await WorkStream.all().count() == streams
    assert await Proposal.all().count() == proposals


async def test_the_hubs_own_records_are_written_as_before(
    client: Client, bangladesh_elsewhere: None
) -> None:
    reply = await client.gql(
        "mutation { createWorkStream(input: { localizedTitle: "
        '[{ language: EN, text: "Connection hub, phase two" }] }) '
        "{ workStream { origin { hub tenant { slug } } } errors { code } } }",
        user=COORDINATOR,
    )
    assert reply.data["createWorkStream"]["errors"] == []
    assert reply.data["createWorkStream"]["workStream"]["origin"] == {
        "hub": "global",
        "tenant": {"slug": "global"},
    }
    fund = await Fund.filter(tenant__slug="global").first()
    assert fund is not None


async def test_unfederated_every_tenant_is_the_hubs_own(client: Client) -> None:
    reply = await client.gql(ORIGINS, user=COORDINATOR)
    hubs = {edge["node"]["origin"]["hub"] for edge in reply.data["proposals"]["edges"]}
    assert hubs == {"global"}
