"""GraphQL types of the network's figures."""

from __future__ import annotations

import strawberry

from hub.core.context import Context
from hub.fund.types import Money, money
from hub.reports import service
from hub.reports.service import ReportService


@strawberry.type(description="How many records share a key, and what part of all counted.")
class Tally:
    key: str = strawberry.field(
        description="What they share: a status, kind, theme or gender (as its enum value's "
        "name), a tenant's slug, a region or a country code; NONE where they hold none."
    )
    count: int = strawberry.field(description="How many.")
    share: float = strawberry.field(description="Their part of all those counted, 0 to 1.")

    @classmethod
    def of(cls, rows: list[service.Tally]) -> list[Tally]:
        return [cls(key=t.key, count=t.count, share=round(t.share, 4)) for t in rows]


@strawberry.type(description="What a fund's projects allocate to one of its thematic areas.")
class AreaTotal:
    fund: str = strawberry.field(description="The fund's name.")
    number: int = strawberry.field(description="The thematic area's number.")
    title: str = strawberry.field(description="The thematic area's title.")
    amount: Money = strawberry.field(description="Allocated, in one currency.")


@strawberry.type(
    description="The figures the network reports to its Executive Committee and the IMRF, "
    "over the records you may read: each computed in the database in one statement."
)
class Report:
    service: strawberry.Private[ReportService]

    @strawberry.field(description="Proposals by review status.")
    async def proposals_by_status(self) -> list[Tally]:
        return Tally.of(await self.service.proposals_by("status"))

    @strawberry.field(description="Proposals by what they ask to change.")
    async def proposals_by_target(self) -> list[Tally]:
        return Tally.of(await self.service.proposals_by("target"))

    @strawberry.field(
        description="Proposals by theme: one counts under each of its themes, and a share "
        "is of all theme tags."
    )
    async def proposals_by_theme(self) -> list[Tally]:
        return Tally.of(await self.service.proposals_by_theme())

    @strawberry.field(description="Proposals by the tenant they were made in.")
    async def proposals_by_tenant(self) -> list[Tally]:
        return Tally.of(await self.service.proposals_by("tenant__slug"))

    @strawberry.field(
        description="Outcomes of the reviews decided: ACCEPTED, REFLECTED and DECLINED, "
        "with their rates."
    )
    async def review_outcomes(self) -> list[Tally]:
        return Tally.of(await self.service.review_outcomes())

    @strawberry.field(
        description="Participants in consultations by constituency (their organisation's "
        "kind), of organisations you may see."
    )
    async def participants_by_constituency(self) -> list[Tally]:
        return Tally.of(await self.service.participants_by("kind"))

    @strawberry.field(description="Participants by their organisation's ECOSOC status.")
    async def participants_by_ecosoc_status(self) -> list[Tally]:
        return Tally.of(await self.service.participants_by("ecosoc_status"))

    @strawberry.field(description="Participants by their organisation's region.")
    async def participants_by_region(self) -> list[Tally]:
        return Tally.of(await self.service.participants_by("region"))

    @strawberry.field(
        description="Participants by gender, as they gave it when attendance was recorded; "
        "NONE where it was not."
    )
    async def participants_by_gender(self) -> list[Tally]:
        return Tally.of(await self.service.participants_by("gender"))

    @strawberry.field(description="Initiatives by theme; one counts under each of its themes.")
    async def initiatives_by_theme(self) -> list[Tally]:
        return Tally.of(await self.service.initiatives_by_theme())

    @strawberry.field(description="Initiatives by country (NONE: not of one country).")
    async def initiatives_by_country(self) -> list[Tally]:
        return Tally.of(await self.service.initiatives_by_country())

    @strawberry.field(
        description="What the projects you may see allocate to each thematic area of their "
        "fund, per currency, never converted."
    )
    async def fund_allocations_by_thematic_area(self) -> list[AreaTotal]:
        return [
            AreaTotal(
                fund=t.fund, number=t.number, title=t.title, amount=money(t.amount, t.currency)
            )
            for t in await self.service.fund_allocations()
        ]

    @classmethod
    def of(cls, ctx: Context, *, network: bool, tenant_slug: str | None) -> Report:
        return cls(service=ReportService(ctx, network=network, tenant_slug=tenant_slug))
