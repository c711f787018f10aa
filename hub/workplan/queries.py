"""Work-plan queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import connection, list_options, ordering
from hub.graphql.pagination import Connection
from hub.graphql.service_input import id_or_none
from hub.workplan import priorities, service
from hub.workplan.types import (
    DEFAULT_ORDER,
    Priority,
    PriorityFilter,
    PriorityOrder,
    WorkStream,
    WorkStreamFilter,
    WorkStreamOrder,
)

BY_TITLE = Ordering("title_index", OrderDirection.ASC)


@strawberry.type
class WorkplanQuery:
    @strawberry.field(
        **guarded(
            Resource.WORK_STREAM,
            Action.READ,
            "Work streams of this tenant and the tenants below it that you may see.",
        )
    )
    async def work_streams(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[WorkStreamFilter | None, FILTER] = None,
        order_by: Annotated[WorkStreamOrder | None, ORDER_BY] = None,
    ) -> Connection[WorkStream]:
        flt = filter or WorkStreamFilter()
        chosen = service.WorkStreamFilter(
            **list_options(flt),
            statuses=flt.status or (),
            classifications=flt.classification or (),
        )
        order = ordering(order_by, DEFAULT_ORDER)
        page = await service.WorkStreamService(info.context).page(chosen, order, first, after)
        return connection(page, WorkStream.from_model)

    @strawberry.field(
        **guarded(
            Resource.WORK_PLAN,
            Action.READ,
            "Priorities of the work plan of this tenant and the tenants below it that you may "
            "see, by title; archived ones only when asked for.",
        )
    )
    async def priorities(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[PriorityFilter | None, FILTER] = None,
        order_by: Annotated[PriorityOrder | None, ORDER_BY] = None,
    ) -> Connection[Priority]:
        flt = filter or PriorityFilter()
        chosen = priorities.PriorityFilter(
            **list_options(flt),
            horizons=flt.horizon or (),
            statuses=flt.status or (),
            themes=flt.theme or (),
            work_stream_id=id_or_none(flt.work_stream, "WorkStream"),
        )
        order = ordering(order_by, BY_TITLE)
        page = await priorities.PriorityService(info.context).page(chosen, order, first, after)
        return connection(page, Priority.from_model)
