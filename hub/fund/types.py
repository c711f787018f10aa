"""GraphQL types of the fund."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.context import Context
from hub.fund import models
from hub.fund.loaders import (
    MousLoader,
    PledgesLoader,
    ProjectsByAreaLoader,
    SteeringCommitteeLoader,
    ThematicAreasLoader,
    TotalsLoader,
)
from hub.fund.service import FundService, PledgeService
from hub.fund.totals import CurrencyTotal as CurrencyTotalRow
from hub.fund.totals import FundTotals as FundTotalsRow
from hub.graphql.enums import described_enum
from hub.graphql.pagination import Connection
from hub.pagination import OrderDirection, Ordering, leading_page
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.types import Organisation

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


@strawberry.type(description="What has been pledged in one currency, by stage.")
class CurrencyTotal:
    currency: str = strawberry.field(description="ISO 4217 currency code.")
    in_outreach: Decimal = strawberry.field(description="Asked for, not yet pledged.")
    committed: Decimal = strawberry.field(description="Pledged, signed or received.")
    signed: Decimal = strawberry.field(description="Signed or received.")
    received: Decimal = strawberry.field(description="Received.")

    @classmethod
    def from_row(cls, row: CurrencyTotalRow) -> CurrencyTotal:
        q = Decimal("0.01")
        return cls(
            currency=row.currency,
            in_outreach=row.in_outreach.quantize(q),
            committed=row.committed.quantize(q),
            signed=row.signed.quantize(q),
            received=row.received.quantize(q),
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
            by_currency=[CurrencyTotal.from_row(t) for t in row.by_currency],
        )


@strawberry.type(description="A project financed by the fund under one thematic area.")
class FundProject(relay.Node):
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Title.")
    budget: Money = strawberry.field(description="Budget.")
    status: models.ProjectStatus = strawberry.field(description="Life cycle.")
    classification: Classification = strawberry.field(description="Sensitivity.")

    @classmethod
    def from_model(cls, row: models.FundProject) -> FundProject:
        return cls(
            id=str(row.id),
            title=row.title,
            budget=_money(row.budget, row.currency),
            status=row.status,
            classification=row.classification,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[FundProject | None]:
        rows = await FundService(info.context).by_ids(models.FundProject, list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(description="One of the thematic areas of the fund's terms of reference.")
class ThematicArea(relay.Node):
    id: relay.NodeID[str]
    number: int = strawberry.field(description="Its number in the terms of reference.")
    title: str = strawberry.field(description="Title.")
    description: str = strawberry.field(description="What it covers.")
    row: strawberry.Private[models.ThematicArea]

    @strawberry.field(description="Projects under this area that you may see.")
    async def projects(self, info: strawberry.Info[Context, None]) -> list[FundProject]:
        rows = await ProjectsByAreaLoader.of(info.context).load(str(self.row.id))
        return [FundProject.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: models.ThematicArea) -> ThematicArea:
        return cls(
            id=str(row.id),
            number=row.number,
            title=row.title,
            description=row.description,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[ThematicArea | None]:
        rows = await FundService(info.context).by_ids(models.ThematicArea, list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(description="A memorandum of understanding by which an agency joins the fund.")
class Mou:
    signatory: str = strawberry.field(description="The signatory agency.")
    signed_on: date | None = strawberry.field(description="When it was signed; null if not yet.")

    @classmethod
    def from_model(cls, row: models.Mou) -> Mou:
        return cls(signatory=row.signatory, signed_on=row.signed_on)


@strawberry.type(description="A member of the fund's steering committee.")
class SteeringCommitteeMember:
    seat: models.Seat = strawberry.field(description="Whom they sit for.")
    name: str = strawberry.field(description="The member (a person or an entity).")
    since: date | None = strawberry.field(description="Member since.")
    row: strawberry.Private[models.SteeringCommitteeMember]

    @strawberry.field(description="The organisation they represent, if recorded and visible.")
    async def organisation(self, info: strawberry.Info[Context, None]) -> Organisation | None:
        if self.row.organisation_id is None:
            return None
        row = await OrganisationByIdLoader.of(info.context).load(str(self.row.organisation_id))
        return Organisation.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.SteeringCommitteeMember) -> SteeringCommitteeMember:
        return cls(seat=row.seat, name=row.name, since=row.since, row=row)


@strawberry.type(description="A donor's pledge to the fund.")
class Pledge(relay.Node):
    id: relay.NodeID[str]
    amount: Money = strawberry.field(description="The amount pledged.")
    status: models.PledgeStatus = strawberry.field(description="How far it has come.")
    note: str = strawberry.field(description="Notes of the fund's managers.")
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    row: strawberry.Private[models.Pledge]

    @strawberry.field(description="The donor; null if you may not see the organisation.")
    async def donor(self, info: strawberry.Info[Context, None]) -> Organisation | None:
        row = await OrganisationByIdLoader.of(info.context).load(str(self.row.donor_id))
        return Organisation.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.Pledge) -> Pledge:
        return cls(
            id=str(row.id),
            amount=_money(row.amount, row.currency),
            status=row.status,
            note=row.note,
            classification=row.classification,
            created_at=row.created_at,
            updated_at=row.updated_at,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Pledge | None]:
        rows = await PledgeService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


@strawberry.type(
    description="A pooled fund, e.g. the start-up fund of the capacity-building mechanism."
)
class Fund(relay.Node):
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Name.")
    description: str = strawberry.field(description="What it finances.")
    target: Money = strawberry.field(description="The target amount.")
    target_year: int | None = strawberry.field(description="The year the target is for.")
    administrative_agent: str = strawberry.field(description="Who administers it.")
    classification: Classification = strawberry.field(description="Sensitivity.")
    row: strawberry.Private[models.Fund]

    @strawberry.field(description="Its thematic areas, in order.")
    async def thematic_areas(self, info: strawberry.Info[Context, None]) -> list[ThematicArea]:
        rows = await ThematicAreasLoader.of(info.context).load(self.id)
        return [ThematicArea.from_model(r) for r in rows]

    @strawberry.field(description="The memorandums of understanding that establish it.")
    async def mous(self, info: strawberry.Info[Context, None]) -> list[Mou]:
        rows = await MousLoader.of(info.context).load(self.id)
        return [Mou.from_model(r) for r in rows]

    @strawberry.field(description="Its steering committee, civil-society seats included.")
    async def steering_committee(
        self, info: strawberry.Info[Context, None]
    ) -> list[SteeringCommitteeMember]:
        rows = await SteeringCommitteeLoader.of(info.context).load(self.id)
        return [SteeringCommitteeMember.from_model(r) for r in rows]

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

    @classmethod
    def from_model(cls, row: models.Fund) -> Fund:
        return cls(
            id=str(row.id),
            name=row.name,
            description=row.description,
            target=_money(row.target_amount, row.currency),
            target_year=row.target_year,
            administrative_agent=row.administrative_agent,
            classification=row.classification,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Fund | None]:
        rows = await FundService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]
