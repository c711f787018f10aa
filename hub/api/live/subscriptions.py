"""The ``Subscription`` root: what a front end can follow live."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing

import strawberry

from hub.api.live.stream import deliveries
from hub.consultations.service import ConsultationService
from hub.consultations.types import Consultation
from hub.core.context import Context
from hub.live.events import EventKind
from hub.proposals.service import ProposalService
from hub.proposals.types import Proposal

RULES = (
    " Sent only while your token is valid and you have a role in the tenant; only objects "
    "of this tenant and those below it that you may read when the event happens."
)


async def _proposal(context: Context, object_id: str) -> Proposal | None:
    [row] = await ProposalService(context).get_many([object_id])
    return Proposal.from_model(row) if row else None


async def _consultation(context: Context, object_id: str) -> Consultation | None:
    [row] = await ConsultationService(context).get_many([object_id])
    return Consultation.from_model(row) if row else None


@strawberry.type
class LiveSubscription:
    @strawberry.subscription(description="Each proposal as it is submitted." + RULES)
    async def proposal_submitted(
        self, info: strawberry.Info[Context, None]
    ) -> AsyncGenerator[Proposal, None]:
        async with aclosing(deliveries(info, EventKind.PROPOSAL_SUBMITTED, _proposal)) as stream:
            async for node in stream:
                yield node

    @strawberry.subscription(
        description="Each proposal as its review moves it to another status." + RULES,
    )
    async def proposal_status_changed(
        self, info: strawberry.Info[Context, None]
    ) -> AsyncGenerator[Proposal, None]:
        async with aclosing(
            deliveries(info, EventKind.PROPOSAL_STATUS_CHANGED, _proposal)
        ) as stream:
            async for node in stream:
                yield node

    @strawberry.subscription(
        description="Each consultation as it is announced to stakeholders (created as "
        "ANNOUNCED, or moved from PLANNED to ANNOUNCED)." + RULES,
    )
    async def consultation_announced(
        self, info: strawberry.Info[Context, None]
    ) -> AsyncGenerator[Consultation, None]:
        async with aclosing(
            deliveries(info, EventKind.CONSULTATION_ANNOUNCED, _consultation)
        ) as stream:
            async for node in stream:
                yield node
