"""Initiative queries."""

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
from hub.initiatives import service
from hub.initiatives.types import LATEST_FIRST, Initiative, InitiativeFilter, InitiativeOrder


@strawberry.type
class InitiativeQuery:
    @strawberry.field(
        **guarded(
            Resource.INITIATIVE,
            Action.READ,
            "Initiatives of this tenant and the tenants below it that you may see, latest "
            "start first unless ordered otherwise; archived ones only when asked for.",
        )
    )
    async def initiatives(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[InitiativeFilter | None, FILTER] = None,
        order_by: Annotated[InitiativeOrder | None, ORDER_BY] = None,
    ) -> Connection[Initiative]:
        flt = filter or InitiativeFilter()
        chosen = service.InitiativeFilter(
            **list_options(flt),
            kinds=flt.kind or (),
            statuses=flt.status or (),
            themes=flt.theme or (),
            countries=flt.country or (),
            classifications=flt.classification or (),
            organisation_id=id_or_none(flt.organisation, "Organisation"),
            starts_from=flt.starts_from,
            starts_to=flt.starts_to,
        )
        order = ordering(order_by, LATEST_FIRST)
        page = await service.InitiativeService(info.context).page(chosen, order, first, after)
        return connection(page, Initiative.from_model)
