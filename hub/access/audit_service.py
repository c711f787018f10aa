"""Reading the audit log, as auditors may."""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from hub.audit.models import AuditEntry
from hub.core.context import Context
from hub.core.pagination import Ordering, Page, Window, fetch_page
from hub.results import marks as results
from hub.tenancy.domains import ANY_DOMAIN


@dataclass(frozen=True)
class AuditFilter:
    action: str | None = None
    actor: str | None = None
    object_contains: str | None = None


def entries_within(tenant_path: str) -> QuerySet[AuditEntry]:
    """Entries about a tenant's subtree; rules for every tenant only from the root tenant."""
    scope = Q(tenant_path=tenant_path) | Q(tenant_path__startswith=tenant_path + "/")
    if tenant_path.count("/") == 1:
        scope |= Q(tenant_path=ANY_DOMAIN)
    return AuditEntry.filter(scope)


async def audit_page(
    ctx: Context, flt: AuditFilter, ordering: Ordering, window: Window
) -> Page[AuditEntry]:
    # Entries are appended without counting as writes (see hub.results): never cached.
    results.not_cacheable()
    queryset = entries_within(ctx.tenant.path)
    if flt.action:
        queryset = queryset.filter(action=flt.action)
    if flt.actor:
        queryset = queryset.filter(actor=flt.actor.strip().lower())
    if flt.object_contains:
        queryset = queryset.filter(object__contains=flt.object_contains)
    return await fetch_page(
        queryset,
        ordering,
        window.first,
        window.after,
        last=window.last,
        before=window.before,
    )
