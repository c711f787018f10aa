"""The ``Subscription`` root: what a front end can follow live."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import aclosing
from typing import Any, TypeVar

import strawberry

from hub.api.live.stream import Load, deliveries
from hub.consultations.service import ConsultationService
from hub.consultations.types import Consultation
from hub.core.context import Context
from hub.live.events import EventKind
from hub.proposals.service import ProposalService
from hub.proposals.types import Proposal

T = TypeVar("T")

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


def live(node: type[T], kind: EventKind, load: Load[T], description: str) -> Any:
    """A subscription sending each ``node`` that ``load`` finds for the events of ``kind``;
    every one follows the same rules, which its description ends with."""

    async def follow(self: Any, info: strawberry.Info[Context, None]) -> AsyncGenerator[T, None]:
        async with aclosing(deliveries(info, kind, load)) as stream:
            async for found in stream:
                yield found

    # Strawberry reads the field's type from its resolver: the node's, not T.
    follow.__annotations__["return"] = AsyncGenerator[node, None]  # type: ignore[valid-type]
    return strawberry.subscription(resolver=follow, description=description + RULES)


@strawberry.type
class LiveSubscription:
    proposal_submitted = live(
        Proposal, EventKind.PROPOSAL_SUBMITTED, _proposal, "Each proposal as it is submitted."
    )
    proposal_status_changed = live(
        Proposal,
        EventKind.PROPOSAL_STATUS_CHANGED,
        _proposal,
        "Each proposal as its review moves it to another status.",
    )
    consultation_announced = live(
        Consultation,
        EventKind.CONSULTATION_ANNOUNCED,
        _consultation,
        "Each consultation as it is announced to stakeholders (created as ANNOUNCED, or "
        "moved from PLANNED to ANNOUNCED).",
    )
