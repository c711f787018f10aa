"""Audit entries for what a request does with confidential records."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar, cast
from uuid import UUID

from tortoise.models import Model
from tortoise.queryset import QuerySet

from hub.access.resources import Resource
from hub.audit import log as audit
from hub.core import lookup
from hub.core.classification import Classification
from hub.core.context import Context
from hub.core.pagination import Listing, Ordering, Page, fetch_page

M = TypeVar("M", bound=Model)


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


def _classified(rows: Sequence[Model]) -> Sequence[Classified]:
    return cast(Sequence[Classified], rows)


async def rows_by_ids(
    ctx: Context, resource: Resource, queryset: QuerySet[M] | None, ids: Sequence[str]
) -> list[M | None]:
    """``hub.core.lookup.rows_by_ids``, auditing the confidential rows it found as read."""
    rows = await lookup.rows_by_ids(queryset, ids)
    found = [row for row in rows if row is not None]
    await confidential(ctx, resource, "read", _classified(found))
    return rows


async def page(
    ctx: Context,
    resource: Resource,
    listing: Listing[M],
    ordering: Ordering,
    first: int | None,
    after: str | None,
    *,
    last: int | None = None,
    before: str | None = None,
) -> Page[M]:
    """``hub.core.pagination.fetch_page``, auditing the confidential rows of the page as read."""
    found = await fetch_page(listing, ordering, first, after, last=last, before=before)
    await confidential(ctx, resource, "read", _classified(found.rows))
    return found


async def all_of(ctx: Context, resource: Resource, queryset: QuerySet[M]) -> list[M]:
    """All the rows of ``queryset``, auditing the confidential ones as read."""
    found = list(await queryset)
    await confidential(ctx, resource, "read", _classified(found))
    return found
