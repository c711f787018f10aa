"""Work-plan queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.node import node_id_of
from hub.graphql.pagination import Connection
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
        page = await service.WorkStreamService(info.context).page(
            service.WorkStreamFilter(
                statuses=flt.status or (),
                classifications=flt.classification or (),
                search=flt.search,
                tenant_slug=flt.tenant,
                include_archived=flt.include_archived,
            ),
            order_by.ordering() if order_by else DEFAULT_ORDER,
            first,
            after,
        )
        if page is None:
            return Connection[WorkStream].empty()
        return Connection[WorkStream].from_page(page, WorkStream.from_model)

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
        page = await priorities.PriorityService(info.context).page(
            priorities.PriorityFilter(
                horizons=flt.horizon or (),
                statuses=flt.status or (),
                themes=flt.theme or (),
                work_stream_id=node_id_of(flt.work_stream, "WorkStream")
                if flt.work_stream
                else None,
                search=flt.search,
                include_archived=flt.include_archived,
                tenant_slug=flt.tenant,
            ),
            order_by.ordering() if order_by else BY_TITLE,
            first,
            after,
        )
        if page is None:
            return Connection[Priority].empty()
        return Connection[Priority].from_page(page, Priority.from_model)
