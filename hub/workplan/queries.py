"""Work-plan queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.list_fields import list_field, service_pages
from hub.workplan.priorities import PriorityService
from hub.workplan.service import WorkStreamService
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
    work_streams = list_field(
        WorkStream,
        service_pages(WorkStreamService),
        filter_input=WorkStreamFilter,
        order_input=WorkStreamOrder,
        default_order=DEFAULT_ORDER,
        **guarded(
            Resource.WORK_STREAM,
            Action.READ,
            "Work streams of this tenant and the tenants below it that you may see.",
        ),
    )
    priorities = list_field(
        Priority,
        service_pages(PriorityService),
        filter_input=PriorityFilter,
        order_input=PriorityOrder,
        default_order=BY_TITLE,
        **guarded(
            Resource.WORK_PLAN,
            Action.READ,
            "Priorities of the work plan of this tenant and the tenants below it that you may "
            "see, by title; archived ones only when asked for.",
        ),
    )
