"""Rows enough for the largest page each list is read with, added to the demo network."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.core.classification import Classification
from hub.directory.models import Organisation
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
from hub.proposals.models import Proposal, ProposalTransition
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream

COORDINATOR = "coordinator@network.example.org"


async def nothing() -> None:
    """The demo network alone has pages large enough."""


async def consultations() -> None:
    tenant = await Tenant.get(slug="global")
    organisation = await Organisation.get(name="International Committee of the Red Cross")
    for n in range(15):
        consultation = await Consultation.create(
            tenant=tenant,
            title={"en": f"Consultation {n}"},
            title_index=f"Consultation {n}",
            kind="thematic",
            starts_on=date(2020, 1, 1 + n),
            ends_on=date(2020, 1, 1 + n),
            online=True,
        )
        await WorkingSession.create(
            tenant=tenant, consultation=consultation, number=1, title={"en": "Session"}
        )
        await Participant.create(
            tenant=tenant, consultation=consultation, organisation=organisation
        )


async def funds() -> None:
    template = await Fund.get(name__startswith="Start-up Fund")
    donor = await Organisation.get(name="Donor government A (demo)")
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    for n in range(5):
        fund = await Fund.create(
            tenant_id=template.tenant_id,
            name=f"Fund {n}",
            currency="USD",
            target_amount=Decimal(1000),
        )
        area = await ThematicArea.create(
            tenant_id=template.tenant_id, fund=fund, number=1, title="Area"
        )
        # Every relation filled, so that a page of one fund asks as much as a page of six.
        await FundProject.create(
            tenant_id=template.tenant_id,
            fund=fund,
            thematic_area=area,
            title="Project",
            budget=Decimal(5),
            currency="USD",
        )
        await Mou.create(tenant_id=template.tenant_id, fund=fund, signatory="Agency")
        await SteeringCommitteeMember.create(
            tenant_id=template.tenant_id,
            fund=fund,
            seat="civil_society",
            name="U",
            organisation=unions,
        )
        await Pledge.create(
            tenant_id=template.tenant_id,
            fund=fund,
            donor=donor,
            amount=Decimal(10),
            currency="USD",
        )


async def initiatives() -> None:
    # Not confidential: reading those adds an audit entry, counted elsewhere.
    tenant = await Tenant.get(slug="global")
    organisations = await Organisation.filter(tenant=tenant)
    await Initiative.bulk_create(
        [
            Initiative(
                tenant=tenant,
                organisation=organisations[n % len(organisations)] if n % 4 else None,
                title={"en": f"Initiative {n}"},
                title_index=f"Initiative {n}",
                summary={"en": "Summary"},
                kind="action",
                starts_on=date(2020, 1, 1 + n),
            )
            for n in range(20)
        ]
    )


async def knowledge_resources() -> None:
    # Not confidential: reading those adds an audit entry, counted elsewhere.
    tenant = await Tenant.get(slug="global")
    organisations = await Organisation.filter(tenant=tenant)
    await KnowledgeResource.bulk_create(
        [
            KnowledgeResource(
                tenant=tenant,
                shared_by=organisations[n % len(organisations)] if n % 3 else None,
                title={"en": f"Resource {n}"},
                title_index=f"Resource {n}",
                description={"en": "About it"},
                kind="link",
                url=f"https://example.org/{n}",
                published_on=date(2020, 1, 1 + n),
                published_order=date(2020, 1, 1 + n),
            )
            for n in range(20)
        ]
    )


async def proposals() -> None:
    # Not confidential: reading those adds an audit entry, counted elsewhere.
    streams = await WorkStream.filter(
        tenant__slug="global", classification__in=["public", "network"]
    )
    organisations = await Organisation.filter(tenant__slug="global")
    rows = [
        Proposal(
            tenant_id=stream.tenant_id,
            organisation=organisations[n % len(organisations)],
            target="work_stream",
            work_stream=stream,
            title=f"Proposal {n:03} to {stream.title}",
        )
        for stream in streams
        for n in range(12)
    ]
    await Proposal.bulk_create(rows)
    created = await Proposal.filter(title__startswith="Proposal ")
    await ProposalTransition.bulk_create(
        [
            ProposalTransition(
                tenant_id=p.tenant_id, proposal=p, to_status="submitted", actor=COORDINATOR
            )
            for p in created
        ]
    )


async def work_streams() -> None:
    global_tenant = (
        await WorkStream.filter(tenant__slug="global").first().select_related("tenant")
    ).tenant  # type: ignore[union-attr]
    await WorkStream.bulk_create(
        [
            WorkStream(tenant=global_tenant, title=f"Stream {n:03}", classification=c)
            for n in range(60)
            for c in (Classification.NETWORK, Classification.CONFIDENTIAL)
        ]
    )


async def restricted_consultation_in_bangladesh() -> Consultation:
    bangladesh = await Tenant.get(slug="bangladesh")
    return await Consultation.create(
        tenant=bangladesh,
        title={"en": "Closed-door dialogue"},
        title_index="Closed-door dialogue",
        search_text="Closed-door dialogue",
        kind="national",
        starts_on=date(2019, 6, 1),
        ends_on=date(2019, 6, 1),
        venue="Dhaka",
        classification="restricted",
    )


async def restricted_proposal_in_bangladesh() -> Proposal:
    stream = await WorkStream.get(title="National GCM implementation with civil society")
    organisation = await Organisation.get(name="Migrant workers' rights network (demo)")
    return await Proposal.create(
        tenant_id=stream.tenant_id,
        organisation=organisation,
        target="work_stream",
        work_stream=stream,
        title="Names a person at risk",
        classification="restricted",
    )
