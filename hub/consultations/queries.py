"""Consultation queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.consultations import service
from hub.consultations.types import (
    LATEST_FIRST,
    Consultation,
    ConsultationFilter,
    ConsultationOrder,
)
from hub.core.context import Context
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import connection, list_options, ordering
from hub.graphql.pagination import Connection


@strawberry.type
class ConsultationQuery:
    @strawberry.field(
        **guarded(
            Resource.CONSULTATION,
            Action.READ,
            "Consultations of this tenant and the tenants below it that you may see, latest "
            "first unless ordered otherwise; archived ones only when asked for.",
        )
    )
    async def consultations(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[ConsultationFilter | None, FILTER] = None,
        order_by: Annotated[ConsultationOrder | None, ORDER_BY] = None,
    ) -> Connection[Consultation]:
        flt = filter or ConsultationFilter()
        chosen = service.ConsultationFilter(
            **list_options(flt),
            statuses=flt.status or (),
            kinds=flt.kind or (),
            classifications=flt.classification or (),
            starts_from=flt.starts_from,
            starts_to=flt.starts_to,
        )
        order = ordering(order_by, LATEST_FIRST)
        page = await service.ConsultationService(info.context).page(chosen, order, first, after)
        return connection(page, Consultation.from_model)
