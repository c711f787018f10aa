"""An export: the records of one resource that the caller's lists show, streamed in a
format, batch by batch inside the tenant's database scope, so that a million rows take the
memory of one batch. Confidential records are audited as read, as in the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from tortoise.expressions import Subquery

from hub.access import audited
from hub.access.resources import Action
from hub.core.context import Context
from hub.core.errors import BadUserInput, Forbidden
from hub.exports.tables import REPORT, RESOURCES, TABLES, Hidden, Table
from hub.exports.writers import Format, Sink, Value, writer
from hub.reports.service import ReportService
from hub.tenancy.isolation import tenant_scope

BATCH = 500
FIGURE_HEADERS = ["figure", "key", "count", "share", "amount", "currency"]


@dataclass(frozen=True)
class Export:
    """What to export: ``resource`` as ``format``; with ``network`` what reaches the
    tenant too, and of one tenant when ``tenant_slug`` names one."""

    resource: str
    format: Format
    network: bool = False
    tenant_slug: str | None = None

    @classmethod
    def of(
        cls, resource: str, format: str, *, network: bool = False, tenant_slug: str | None = None
    ) -> Export:
        """The export asked for, or BadUserInput naming what may be asked."""
        if resource not in RESOURCES:
            raise BadUserInput(
                f"Nothing to export is called '{resource}': one of {', '.join(RESOURCES)}."
            )
        try:
            chosen = Format(format)
        except ValueError:
            names = ", ".join(f.value for f in Format)
            raise BadUserInput(f"No export format is called '{format}': one of {names}.") from None
        return cls(resource, chosen, network, tenant_slug)

    @property
    def filename(self) -> str:
        return f"{self.resource}.{self.format.value}"


async def stream(ctx: Context, export: Export) -> AsyncIterator[bytes]:
    """The export's bytes, a batch at a time. Forbidden before the first byte when the
    caller may read no record of the resource here."""
    table = TABLES.get(export.resource)
    if table is not None and not ctx.decisions.allows_any(table.resource, Action.READ):
        raise Forbidden(f"You may not read {export.resource} here.")
    return _bytes(ctx, export, table)


async def _bytes(ctx: Context, export: Export, table: Table | None) -> AsyncIterator[bytes]:
    sink = Sink()
    async with tenant_scope(ctx.tenant.path, ctx.decisions.reach_setting):
        if table is None:
            out = writer(export.format, sink, FIGURE_HEADERS, REPORT)
            for values in await _figures(ctx, export):
                out.row(values)
        else:
            out = writer(export.format, sink, table.headers, table.name)
            async for batch in _batches(ctx, export, table):
                hidden = await _hidden(ctx, table, batch)
                for row in batch:
                    out.row(table.values(row, ctx, hidden))
                yield sink.take()
        out.close()
    yield sink.take()


def _rows(ctx: Context, export: Export, table: Table) -> Any:
    service = table.service(ctx)
    if table.part is not None:
        queryset = service.children_rows(table.part, network=export.network)
    else:
        queryset = service.visible(network=export.network)
    if queryset is None:
        return None
    if table.archivable:
        queryset = queryset.filter(archived_at__isnull=True)
    if table.parent is not None:
        parents = table.parent.service(ctx).visible(network=export.network)
        if parents is None:
            return None
        shown = Subquery(parents.filter(archived_at__isnull=True).values("id"))
        queryset = queryset.filter(**{f"{table.parent.key}__in": shown})
    if export.tenant_slug:
        queryset = queryset.filter(tenant__slug=export.tenant_slug)
    return queryset.select_related("tenant")


async def _batches(ctx: Context, export: Export, table: Table) -> AsyncIterator[list[Any]]:
    """The rows in batches, by id: each batch continues after the last one's last id, so
    that no batch reads the rows before it again."""
    rows = _rows(ctx, export, table)
    if rows is None:
        return
    after = None
    while True:
        batch = rows.order_by("id").limit(BATCH)
        if after is not None:
            batch = batch.filter(id__gt=after)
        found = await audited.all_of(ctx, table.resource, batch)
        if not found:
            return
        yield found
        if len(found) < BATCH:
            return
        after = found[-1].id


async def _hidden(ctx: Context, table: Table, batch: list[Any]) -> Hidden:
    """By column naming other records, those of the batch the caller may not see: one
    statement per such column and batch."""
    hidden: Hidden = {}
    for column in table.columns:
        if column.key is None or column.among is None:
            continue
        named = {getattr(row, column.key) for row in batch} - {None}
        rows = column.among(ctx)
        seen = (
            set(await rows.filter(id__in=named).values_list("id", flat=True))
            if rows is not None and named
            else set()
        )
        hidden[column.header] = {str(i) for i in named} - {str(i) for i in seen}
    return hidden


async def _figures(ctx: Context, export: Export) -> list[list[Value]]:
    report = ReportService(ctx, network=export.network, tenant_slug=export.tenant_slug)
    figures = {
        "proposals_by_status": await report.proposals_by("status"),
        "proposals_by_target": await report.proposals_by("target"),
        "proposals_by_theme": await report.proposals_by_theme(),
        "proposals_by_tenant": await report.proposals_by("tenant__slug"),
        "review_outcomes": await report.review_outcomes(),
        "participants_by_constituency": await report.participants_by("kind"),
        "participants_by_ecosoc_status": await report.participants_by("ecosoc_status"),
        "participants_by_region": await report.participants_by("region"),
        "participants_by_gender": await report.participants_by("gender"),
        "initiatives_by_theme": await report.initiatives_by_theme(),
        "initiatives_by_country": await report.initiatives_by_country(),
    }
    rows: list[list[Value]] = [
        [figure, t.key, t.count, round(t.share, 4), None, None]
        for figure, tallies in figures.items()
        for t in tallies
    ]
    for area in await report.fund_allocations():
        key = f"{area.fund} / {area.number} {area.title}"
        rows.append(
            ["fund_allocations_by_thematic_area", key, None, None, area.amount, area.currency]
        )
    return rows
