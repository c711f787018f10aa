"""GraphQL types of the fund."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering, leading_page
from hub.fund import models, service
from hub.fund.loaders import (
    AllocationsLoader,
    ExchangeRatesLoader,
    MousLoader,
    PledgesLoader,
    ProjectsByAreaLoader,
    SteeringCommitteeLoader,
    ThematicAreaByIdLoader,
    ThematicAreasLoader,
    TotalsLoader,
)
from hub.fund.service import C, FundService, PledgeService
from hub.fund.totals import Converted as ConvertedRow
from hub.fund.totals import CurrencyTotal as CurrencyTotalRow
from hub.fund.totals import FundTotals as FundTotalsRow
from hub.fund.totals import Rate as RateRow
from hub.graphql.enums import described_enum
from hub.graphql.filters import ClassifiedFilter, condition, service_filter_of
from hub.graphql.inputs import SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import Fetch, ModelMap, ModelNode, ModelType, column, get_many
from hub.graphql.pagination import Connection
from hub.graphql.record_fields import Recorded, Updated
from hub.graphql.related import rows_under
from hub.stakeholders.types import organisation_in
from hub.tenancy.types import TenantRecord, lives_in

described_enum(
    models.PledgeStatus,
    "OUTREACH (asked), PLEDGED (promised), SIGNED (agreement signed), RECEIVED.",
    {
        models.PledgeStatus.OUTREACH: "The donor has been asked.",
        models.PledgeStatus.PLEDGED: "The donor has promised the amount.",
        models.PledgeStatus.SIGNED: "The contribution agreement is signed.",
        models.PledgeStatus.RECEIVED: "The money is in the fund's account.",
    },
)
described_enum(
    models.ProjectStatus,
    "Life cycle of a project of the fund.",
    {
        models.ProjectStatus.PROPOSED: "Put forward, not yet approved.",
        models.ProjectStatus.APPROVED: "Approved by the steering committee.",
        models.ProjectStatus.ACTIVE: "Under way.",
        models.ProjectStatus.COMPLETED: "Finished.",
    },
)
described_enum(
    models.MouStatus,
    "DRAFTED, then SIGNED.",
    {
        models.MouStatus.DRAFTED: "Drafted, not yet signed.",
        models.MouStatus.SIGNED: "Signed.",
    },
)
described_enum(
    models.Seat,
    "Whom a steering-committee member sits for.",
    {
        models.Seat.CHAIR: "Chairs the committee.",
        models.Seat.UN_AGENCY: "A UN agency.",
        models.Seat.DONOR: "A donor.",
        models.Seat.MEMBER_STATE: "A member state.",
        models.Seat.CIVIL_SOCIETY: "Civil society.",
        models.Seat.OTHER_STAKEHOLDER: "Another kind of stakeholder.",
    },
)

OLDEST_FIRST = Ordering("created_at", OrderDirection.ASC)


@strawberry.type(description="An amount of money; the amount is a decimal string, never a float.")
class Money:
    amount: Decimal = strawberry.field(description="The amount, with two decimal places.")
    currency: str = strawberry.field(description="ISO 4217 currency code.")


def money(amount: Decimal, currency: str) -> Money:
    return Money(amount=Decimal(amount).quantize(Decimal("0.01")), currency=currency)


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"))


@strawberry.type(description="What has been pledged in one currency, by stage.")
class CurrencyTotal(ModelType[CurrencyTotalRow]):
    currency: str = strawberry.field(description="ISO 4217 currency code.")
    in_outreach: Decimal = strawberry.field(description="Asked for, not yet pledged.")
    committed: Decimal = strawberry.field(description="Pledged, signed or received.")
    signed: Decimal = strawberry.field(description="Signed or received.")
    received: Decimal = strawberry.field(description="Received.")

    model_map = ModelMap(
        CurrencyTotalRow,
        in_outreach=column("in_outreach", convert=_cents),
        committed=column("committed", convert=_cents),
        signed=column("signed", convert=_cents),
        received=column("received", convert=_cents),
    )


@strawberry.type(description="A rate by which an amount in another currency was converted.")
class RateUsed:
    currency: str = strawberry.field(description="The currency converted from.")
    rate: Decimal = strawberry.field(
        description="What one unit of it is worth in the fund's currency."
    )
    as_of: date = strawberry.field(description="The day the rate is for.")
    source: str = strawberry.field(description="Where the fund's managers took it from.")

    @classmethod
    def from_row(cls, row: RateRow) -> RateUsed:
        return cls(currency=row.currency, rate=row.rate, as_of=row.as_of, source=row.source)


@strawberry.type(
    description="Totals in the fund's currency, other currencies converted at the latest "
    "rates the fund's managers recorded; currencies without a rate are listed apart and "
    "counted in no total."
)
class ConvertedTotals:
    committed: Money = strawberry.field(description="Pledged, signed or received.")
    received: Money = strawberry.field(description="Received.")
    gap_to_target: Money = strawberry.field(
        description="What remains to be committed to reach the target (never below zero)."
    )
    rates_used: list[RateUsed] = strawberry.field(
        description="The rate used for each currency converted."
    )
    unconverted: list[CurrencyTotal] = strawberry.field(
        description="Currencies with no recorded rate: not counted above."
    )

    @classmethod
    def from_row(cls, row: ConvertedRow) -> ConvertedTotals:
        return cls(
            committed=money(row.committed, row.currency),
            received=money(row.received, row.currency),
            gap_to_target=money(row.gap_to_target, row.currency),
            rates_used=[RateUsed.from_row(r) for r in row.rates],
            unconverted=[CurrencyTotal.from_model(t) for t in row.unconverted],
        )


@strawberry.type(
    description="A fund's totals over all its pledges, for everyone who sees the fund. "
    "Amounts in other currencies than the fund's are listed per currency; `converted` "
    "counts them at recorded rates and says which."
)
class FundTotals:
    target: Money = strawberry.field(description="The target.")
    committed: Money = strawberry.field(
        description="Pledged, signed or received, in the fund's currency only."
    )
    received: Money = strawberry.field(description="Received, in the fund's currency only.")
    gap_to_target: Money = strawberry.field(
        description="What remains to be committed in the fund's currency to reach the "
        "target (never below zero)."
    )
    by_currency: list[CurrencyTotal] = strawberry.field(
        description="Per currency, the fund's first."
    )
    converted: ConvertedTotals = strawberry.field(
        description="All currencies in the fund's, at the recorded rates."
    )

    @classmethod
    def from_row(cls, row: FundTotalsRow) -> FundTotals:
        return cls(
            target=money(row.target, row.currency),
            committed=money(row.committed, row.currency),
            received=money(row.received, row.currency),
            gap_to_target=money(row.gap_to_target, row.currency),
            by_currency=[CurrencyTotal.from_model(t) for t in row.by_currency],
            converted=ConvertedTotals.from_row(row.converted),
        )


def _by_ids(model: type[C]) -> Fetch[C]:
    def fetch(ctx: Context, ids: list[str]) -> Awaitable[Sequence[C | None]]:
        return FundService(ctx).by_ids(model, ids)

    return fetch


@strawberry.type(description="The part of a project's budget that goes to one thematic area.")
class Allocation(ModelType[models.Allocation]):
    amount: Money = strawberry.field(description="The amount, in the project's currency.")
    row: strawberry.Private[models.Allocation]

    model_map = ModelMap(models.Allocation, amount=column("amount", "currency", convert=money))

    @strawberry.field(description="The thematic area; null if you may not see it.")
    async def thematic_area(self, info: strawberry.Info[Context, None]) -> ThematicArea | None:
        # ThematicArea is declared below: its projects hold allocations.
        area = await ThematicAreaByIdLoader.of(info.context).load(str(self.row.thematic_area_id))
        return None if area is None else ThematicArea.from_model(area)


@strawberry.type(description="A project financed by the fund under one thematic area.")
class FundProject(TenantRecord, ModelNode[models.FundProject]):
    id: relay.NodeID[str]
    row: strawberry.Private[models.FundProject]
    title: str = strawberry.field(description="Title.")
    budget: Money = strawberry.field(description="Budget.")
    status: models.ProjectStatus = strawberry.field(
        description="PROPOSED, APPROVED, ACTIVE (under way), COMPLETED (closed)."
    )

    allocations = rows_under(
        Allocation, AllocationsLoader, "How its budget is allocated over thematic areas."
    )

    model_map = ModelMap(
        models.FundProject,
        budget=column("budget", "currency", convert=money),
        fetch=_by_ids(models.FundProject),
    )


@strawberry.type(description="One of the thematic areas of the fund's terms of reference.")
class ThematicArea(ModelNode[models.ThematicArea]):
    id: relay.NodeID[str]
    tenant = lives_in()
    number: int = strawberry.field(description="Its number in the terms of reference.")
    title: str = strawberry.field(description="Title.")
    description: str = strawberry.field(description="What it covers.")
    row: strawberry.Private[models.ThematicArea]

    projects = rows_under(
        FundProject, ProjectsByAreaLoader, "Projects under this area that you may see."
    )

    model_map = ModelMap(models.ThematicArea, fetch=_by_ids(models.ThematicArea))


@strawberry.type(description="A memorandum of understanding by which an agency joins the fund.")
class Mou(ModelNode[models.Mou]):
    id: relay.NodeID[str]
    signatory: str = strawberry.field(description="The signatory agency.")
    parties: list[str] = strawberry.field(description="The other parties to it, by name.")
    status: models.MouStatus = strawberry.field(description="Drafted or signed.")
    drafted_on: date | None = strawberry.field(description="When it was drafted, if recorded.")
    signed_on: date | None = strawberry.field(description="When it was signed; null if not yet.")
    row: strawberry.Private[models.Mou]

    model_map = ModelMap(
        models.Mou, parties=column("parties", convert=list), fetch=_by_ids(models.Mou)
    )


@strawberry.type(description="A seat on the fund's steering committee and who holds it.")
class SteeringCommitteeMember(ModelNode[models.SteeringCommitteeMember]):
    id: relay.NodeID[str]
    seat: models.Seat = strawberry.field(description="Whom they sit for.")
    name: str = strawberry.field(description="The member (a person or an entity).")
    since: date | None = strawberry.field(description="Member since.")
    until: date | None = strawberry.field(description="Member until; null while it holds.")
    selection: str = strawberry.field(
        description="How the member was selected (for civil society: by whom, through what)."
    )
    row: strawberry.Private[models.SteeringCommitteeMember]

    organisation = organisation_in(
        "organisation_id", "The organisation they represent, if recorded and visible."
    )

    model_map = ModelMap(
        models.SteeringCommitteeMember, fetch=_by_ids(models.SteeringCommitteeMember)
    )


@strawberry.type(description="A rate recorded by the fund's managers, with its source.")
class ExchangeRate(ModelType[models.ExchangeRate]):
    currency: str = strawberry.field(description="The currency converted from.")
    rate: Decimal = strawberry.field(
        description="What one unit of it is worth in the fund's currency."
    )
    as_of: date = strawberry.field(description="The day the rate is for.")
    source: str = strawberry.field(description="Where it was taken from.")
    recorded_by: str = strawberry.field(description="Who recorded it.")
    row: strawberry.Private[models.ExchangeRate]

    model_map = ModelMap(models.ExchangeRate)


@strawberry.type(description="A donor's pledge to the fund.")
class Pledge(TenantRecord, Recorded, Updated, ModelNode[models.Pledge]):
    id: relay.NodeID[str]
    amount: Money = strawberry.field(description="The amount pledged.")
    status: models.PledgeStatus = strawberry.field(description="How far it has come.")
    note: str = strawberry.field(description="Notes of the fund's managers.")
    row: strawberry.Private[models.Pledge]

    donor = organisation_in("donor_id", "The donor; null if you may not see the organisation.")

    model_map = ModelMap(
        models.Pledge,
        amount=column("amount", "currency", convert=money),
        fetch=get_many(PledgeService),
    )


@strawberry.type(
    description="A pooled fund, e.g. the start-up fund of the capacity-building mechanism."
)
class Fund(TenantRecord, ModelNode[models.Fund]):
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    description: str = strawberry.field(description="What it finances.")
    target: Money = strawberry.field(description="The target amount.")
    target_year: int | None = strawberry.field(description="The year the target is for.")
    administrative_agent: str = strawberry.field(description="Who administers it.")
    row: strawberry.Private[models.Fund]

    thematic_areas = rows_under(ThematicArea, ThematicAreasLoader, "Its thematic areas, in order.")
    mous = rows_under(Mou, MousLoader, "The memorandums of understanding that establish it.")
    steering_committee = rows_under(
        SteeringCommitteeMember,
        SteeringCommitteeLoader,
        "Its steering committee, civil-society seats included, past members with `until`.",
    )
    exchange_rates = rows_under(
        ExchangeRate, ExchangeRatesLoader, "The exchange rates recorded, oldest first."
    )

    @strawberry.field(
        description="Totals over all pledges, per currency, and the gap to the target; "
        "shown to everyone who sees the fund."
    )
    async def totals(self, info: strawberry.Info[Context, None]) -> FundTotals:
        return FundTotals.from_row(await TotalsLoader.of(info.context).load(self.row))

    @strawberry.field(
        **guarded(
            Resource.FUND_PLEDGE,
            Action.READ,
            "Pledges by donor, oldest first (the first `first`); null with a FORBIDDEN "
            "error for those who may see only totals.",
        )
    )
    async def pledges(
        self,
        info: strawberry.Info[Context, None],
        first: Annotated[int, strawberry.argument(description="How many pledges to return.")] = 20,
    ) -> Connection[Pledge] | None:
        rows = await PledgesLoader.of(info.context).load(self.id)
        page = leading_page(rows, first, OLDEST_FIRST)
        return Connection[Pledge].from_page(page, Pledge.from_model)

    model_map = ModelMap(
        models.Fund,
        target=column("target_amount", "currency", convert=money),
        fetch=get_many(FundService),
    )


@sort_fields("Fields funds can be sorted by.")
class FundOrderField(SortField):
    NAME = "name", "By name."
    CREATED_AT = "created_at", "By when it was recorded."


FundOrder = sort_order(FundOrderField, "Sort order of a fund list.")
BY_NAME = Ordering("name", OrderDirection.ASC)


@strawberry.input(description="Narrows a fund list; all given conditions apply.")
class FundFilter(ClassifiedFilter):
    search: str | None = condition("Text the name contains.")

    service_filter = service_filter_of(service.FundFilter)


FUNDS = ListOf(Fund, FundFilter, BY_NAME, FundOrder)
