"""Proposal queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import connection, list_options, ordering
from hub.graphql.pagination import Connection
from hub.graphql.service_input import id_or_none
from hub.proposals import service
from hub.proposals.types import NEWEST_FIRST, Proposal, ProposalFilter, ProposalOrder


@strawberry.type
class ProposalQuery:
    @strawberry.field(
        **guarded(
            Resource.PROPOSAL,
            Action.READ,
            "Proposals of this tenant and the tenants below it that you may see, newest "
            "first unless ordered otherwise; archived ones only when asked for.",
        )
    )
    async def proposals(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[ProposalFilter | None, FILTER] = None,
        order_by: Annotated[ProposalOrder | None, ORDER_BY] = None,
    ) -> Connection[Proposal]:
        flt = filter or ProposalFilter()
        chosen = service.ProposalFilter(
            **list_options(flt),
            statuses=flt.status or (),
            themes=flt.theme or (),
            targets=flt.target or (),
            scopes=flt.scope or (),
            classifications=flt.classification or (),
            organisation_id=id_or_none(flt.organisation, "Organisation"),
            work_stream_id=id_or_none(flt.work_stream, "WorkStream"),
            submitted_from=flt.submitted_from,
            submitted_to=flt.submitted_to,
        )
        order = ordering(order_by, NEWEST_FIRST)
        page = await service.ProposalService(info.context).page(chosen, order, first, after)
        return connection(page, Proposal.from_model)
