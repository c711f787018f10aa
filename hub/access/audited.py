"""Audit entries for what a request does with confidential records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from hub.access import audit
from hub.access.classification import Classification
from hub.access.resources import Resource
from hub.context import Context


class Classified(Protocol):
    id: UUID
    classification: Classification


def entry(
    ctx: Context, resource: Resource, action: str, rows: Sequence[Classified]
) -> audit.AuditRecord:
    """One entry naming every record a request touched in one way."""
    return audit.AuditRecord(
        actor=ctx.principal.email,
        tenant_path=ctx.tenant.path,
        action=f"{resource}.{action}",
        object=" ".join(f"{resource}:{row.id}" for row in rows),
        decision="allow",
        request_id=ctx.request_id,
    )


async def confidential(
    ctx: Context, resource: Resource, action: str, rows: Sequence[Classified]
) -> None:
    """Audit ``action`` on the confidential ones among ``rows``, if any."""
    chosen = [row for row in rows if row.classification == Classification.CONFIDENTIAL]
    if chosen:
        await audit.append([entry(ctx, resource, action, chosen)])
