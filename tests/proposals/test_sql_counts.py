"""Relations of proposals load in batches: statements do not grow with the page size."""

from __future__ import annotations

from typing import Any

import pytest

from hub.proposals.models import Proposal, ProposalTransition
from hub.stakeholders.models import Organisation
from hub.workplan.models import WorkStream
from tests.conftest import Client
from tests.proposals.queries import (
    COORDINATOR,
    PROPOSALS_WITH_RELATIONS,
    WORK_STREAMS_WITH_PROPOSALS,
)

OPEN = {"classification": ["PUBLIC", "NETWORK"]}


@pytest.fixture
async def many_proposals(client: Client) -> None:
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


async def _count(client: Client, sql_log: list[str], query: str, **variables: Any) -> int:
    await client.warm(COORDINATOR)
    sql_log.clear()
    reply = await client.gql(query, variables, user=COORDINATOR)
    assert not reply.errors, reply.errors
    return len(sql_log)


@pytest.mark.usefixtures("many_proposals")
async def test_a_proposal_page_with_its_relations_costs_the_same_for_any_size(
    client: Client, sql_log: list[str]
) -> None:
    small = await _count(client, sql_log, PROPOSALS_WITH_RELATIONS, first=1)
    large = await _count(client, sql_log, PROPOSALS_WITH_RELATIONS, first=60)
    assert small == large, sql_log


@pytest.mark.usefixtures("many_proposals")
async def test_work_streams_with_their_proposals_cost_the_same_for_any_size(
    client: Client, sql_log: list[str]
) -> None:
    small = await _count(
        client, sql_log, WORK_STREAMS_WITH_PROPOSALS, first=1, nested=1, filter=OPEN
    )
    large = await _count(
        client, sql_log, WORK_STREAMS_WITH_PROPOSALS, first=20, nested=10, filter=OPEN
    )
    assert small == large, sql_log
