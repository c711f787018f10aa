"""Work-plan queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.graphql.list_fields import list_field, service_pages
from hub.workplan.priorities import PriorityService
from hub.workplan.service import WorkStreamService
from hub.workplan.types import PRIORITIES, WORK_STREAMS


@strawberry.type
class WorkplanQuery:
    work_streams = list_field(
        WORK_STREAMS,
        service_pages(WorkStreamService),
        **guarded(
            Resource.WORK_STREAM,
            Action.READ,
            "Work streams of this tenant and the tenants below it that you may see.",
        ),
    )
    priorities = list_field(
        PRIORITIES,
        service_pages(PriorityService),
        **guarded(
            Resource.WORK_PLAN,
            Action.READ,
            "Priorities of the work plan of this tenant and the tenants below it that you may "
            "see, by title; archived ones only when asked for.",
        ),
    )
