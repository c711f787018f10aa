"""Access queries: the audit log."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.audit_service import AuditFilter, audit_page
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.access.types import AuditEntry, AuditLogFilter
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import FILTER, After, First
from hub.graphql.pagination import Connection

NEWEST_FIRST = Ordering("at", OrderDirection.DESC)


@strawberry.type
class AccessQuery:
    @strawberry.field(
        **guarded(
            Resource.AUDIT_LOG,
            Action.READ,
            "The audit log of this tenant and the tenants below it, newest first.",
        )
    )
    async def audit_log(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[AuditLogFilter | None, FILTER] = None,
    ) -> Connection[AuditEntry]:
        flt = filter or AuditLogFilter()
        page = await audit_page(
            info.context,
            AuditFilter(flt.action, flt.actor, flt.object_contains),
            NEWEST_FIRST,
            first,
            after,
        )
        return Connection[AuditEntry].from_page(page, AuditEntry.from_model)
