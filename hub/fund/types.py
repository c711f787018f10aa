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
from hub.fund import models
from hub.fund.loaders import (
    MousLoader,
    PledgesLoader,
    ProjectsByAreaLoader,
    SteeringCommitteeLoader,
    ThematicAreasLoader,
    TotalsLoader,
)
from hub.fund.service import C, FundService, PledgeService
from hub.fund.totals import CurrencyTotal as CurrencyTotalRow
from hub.fund.totals import FundTotals as FundTotalsRow
from hub.graphql.enums import described_enum
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


def _money(amount: Decimal, currency: str) -> Money:
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


@strawberry.type(
    description="A fund's totals over all its pledges, for everyone who sees the fund. "
    "Other currencies than the fund's are listed, never converted."
)
class FundTotals:
    target: Money = strawberry.field(description="The target.")
    committed: Money = strawberry.field(
        description="Pledged, signed or received, in the fund's currency."
    )
    received: Money = strawberry.field(description="Received, in the fund's currency.")
    gap_to_target: Money = strawberry.field(
        description="What remains to be committed to reach the target (never below zero)."
    )
    by_currency: list[CurrencyTotal] = strawberry.field(
        description="Per currency, the fund's first."
    )

    @classmethod
    def from_row(cls, row: FundTotalsRow) -> FundTotals:
        return cls(
            target=_money(row.target, row.currency),
            committed=_money(row.committed, row.currency),
            received=_money(row.received, row.currency),
            gap_to_target=_money(row.gap_to_target, row.currency),
            by_currency=[CurrencyTotal.from_model(t) for t in row.by_currency],
        )


def _by_ids(model: type[C]) -> Fetch[C]:
    def fetch(ctx: Context, ids: list[str]) -> Awaitable[Sequence[C | None]]:
        return FundService(ctx).by_ids(model, ids)

    return fetch


@strawberry.type(description="A project financed by the fund under one thematic area.")
class FundProject(TenantRecord, ModelNode[models.FundProject]):
    id: relay.NodeID[str]
    row: strawberry.Private[models.FundProject]
    title: str = strawberry.field(description="Title.")
    budget: Money = strawberry.field(description="Budget.")
    status: models.ProjectStatus = strawberry.field(description="Life cycle.")

    model_map = ModelMap(
        models.FundProject,
        budget=column("budget", "currency", convert=_money),
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
class Mou(ModelType[models.Mou]):
    signatory: str = strawberry.field(description="The signatory agency.")
    signed_on: date | None = strawberry.field(description="When it was signed; null if not yet.")

    model_map = ModelMap(models.Mou)


@strawberry.type(description="A member of the fund's steering committee.")
class SteeringCommitteeMember(ModelType[models.SteeringCommitteeMember]):
    seat: models.Seat = strawberry.field(description="Whom they sit for.")
    name: str = strawberry.field(description="The member (a person or an entity).")
    since: date | None = strawberry.field(description="Member since.")
    row: strawberry.Private[models.SteeringCommitteeMember]

    organisation = organisation_in(
        "organisation_id", "The organisation they represent, if recorded and visible."
    )

    model_map = ModelMap(models.SteeringCommitteeMember)


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
        amount=column("amount", "currency", convert=_money),
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
        "Its steering committee, civil-society seats included.",
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
        target=column("target_amount", "currency", convert=_money),
        fetch=get_many(FundService),
    )
