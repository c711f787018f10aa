"""Access queries: the audit log."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from hub.access.audit_service import AuditFilter, audit_page
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.access.types import AUDIT_LOG, AuditLogFilter
from hub.audit.models import AuditEntry
from hub.core.context import Context
from hub.core.pagination import Ordering, Page, Window
from hub.graphql.list_fields import list_field


def _entries(
    ctx: Context,
    flt: AuditLogFilter,
    order: Ordering,
    window: Window,
    network: bool,
) -> Awaitable[Page[AuditEntry] | None]:
    return audit_page(ctx, AuditFilter(flt.action, flt.actor, flt.object_contains), order, window)


@strawberry.type
class AccessQuery:
    audit_log = list_field(
        AUDIT_LOG,
        _entries,
        scoped=False,
        **guarded(
            Resource.AUDIT_LOG,
            Action.READ,
            "The audit log of this tenant and the tenants below it, newest first.",
        ),
    )
