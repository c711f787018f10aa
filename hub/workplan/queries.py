"""Work-plan queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.context import Context
from hub.graphql.pagination import Connection
from hub.workplan import service
from hub.workplan.types import DEFAULT_ORDER, WorkStream, WorkStreamFilter, WorkStreamOrder


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
        first: int | None = None,
        after: str | None = None,
        filter: WorkStreamFilter | None = None,
        order_by: WorkStreamOrder | None = None,
    ) -> Connection[WorkStream]:
        flt = filter or WorkStreamFilter()
        page = await service.WorkStreamService(info.context).page(
            service.WorkStreamFilter(
                statuses=flt.status or (),
                classifications=flt.classification or (),
                search=flt.search,
                tenant_slug=flt.tenant,
            ),
            order_by.ordering() if order_by else DEFAULT_ORDER,
            first,
            after,
        )
        if page is None:
            return Connection[WorkStream].empty()
        return Connection[WorkStream].from_page(page, WorkStream.from_model)
