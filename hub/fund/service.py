"""Reads and writes of the fund: scope, totals, pledges and projects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from tortoise import Tortoise
from tortoise.functions import Sum
from tortoise.transactions import in_transaction

from hub.access import audited
from hub.access.listing import ListFilter, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, ScopedService, grouped
from hub.core.classification import Classification
from hub.core.lookup import parse_id, parse_ids
from hub.core.pagination import Listing
from hub.core.validation import (
    InvalidInput,
    Problem,
    check_amount,
    check_currency,
    check_text,
    raise_if_any,
)
from hub.fund import workflow
from hub.fund.models import (
    Fund,
    FundProject,
    Pledge,
    PledgeStatus,
    ProjectStatus,
    ThematicArea,
)
from hub.fund.totals import FundTotals, PledgeAmount, compute
from hub.stakeholders.service import OrganisationService

C = TypeVar("C", ThematicArea, FundProject)


@dataclass(frozen=True)
class NewProject:
    thematic_area_id: str
    title: str
    budget: Decimal
    currency: str
    status: ProjectStatus = ProjectStatus.PROPOSED
    classification: Classification = Classification.NETWORK


@dataclass(frozen=True)
class NewPledge:
    fund_id: str
    donor_id: str
    amount: Decimal
    currency: str
    status: PledgeStatus = PledgeStatus.OUTREACH
    note: str = ""
    classification: Classification = Classification.RESTRICTED


# On PostgreSQL the pledges of a fund that reached the caller from another tenant are out
# of the row security's reach (pledges by donor never travel): their sums come from a
# function that reads them as the tables' owner, for the funds the caller's query sees.
_PLEDGE_SUMS = (
    "SELECT fund_id, currency, status, amount FROM hub_fund_pledge_sums("
    "ARRAY(SELECT id FROM fund WHERE id = ANY ($1::uuid[])))"
)


async def pledge_sums(fund_ids: list[UUID]) -> list[tuple[Any, ...]]:
    """(fund id, currency, status, amount) of the pledges of these funds, summed."""
    connection = Tortoise.get_connection("default")
    if connection.capabilities.dialect == "postgres":
        _, rows = await connection.execute_query(_PLEDGE_SUMS, [fund_ids])
        return [tuple(row.values()) for row in rows]
    return list(
        await Pledge.filter(fund_id__in=fund_ids)
        .group_by("fund_id", "currency", "status")
        .annotate(total=Sum("amount"))
        .values_list("fund_id", "currency", "status", "total")
    )


class FundService(FilteredService[Fund, ListFilter]):
    """The fund and what hangs from it, except who pledged what (``PledgeService``)."""

    model = Fund
    resource = Resource.FUND
    names = RecordNames("fund", "funds")

    def search(self, flt: ListFilter) -> Listing[Fund] | None:
        # Funds are not archived: there is nothing for ``include_archived`` to leave out.
        return self._filtered(flt.network, flt.tenant_slug, containing(flt.search, "name"))

    async def by_ids(self, model: type[C], ids: Sequence[str]) -> list[C | None]:
        """Visible thematic areas or projects (or other parts of funds) by id."""
        return await audited.rows_by_ids(
            self.ctx, self.resource, self._scoped(model, network=True), ids
        )

    async def totals(self, funds: Sequence[Fund]) -> dict[str, FundTotals]:
        """Totals of funds already shown to the caller, over all their pledges: whoever
        sees a fund sees how much was pledged, though not by whom."""
        if not funds:
            return {}
        rows = await pledge_sums([f.id for f in funds])
        amounts: dict[str, list[PledgeAmount]] = defaultdict(list)
        for fund_id, currency, status, amount in rows:
            amounts[str(fund_id)].append(
                PledgeAmount(str(currency), PledgeStatus(status), Decimal(str(amount)))
            )
        return {str(f.id): compute(f.currency, f.target_amount, amounts[str(f.id)]) for f in funds}

    async def create_project(self, new: NewProject) -> FundProject:
        problems: list[Problem] = []
        title = check_text(problems, "title", new.title, max_length=300, allow_blank=False)
        budget = check_amount(problems, "budget", new.budget)
        currency = check_currency(problems, "currency", new.currency)
        area = None
        if (uid := parse_id(new.thematic_area_id)) is not None and (
            scoped := self._scoped(ThematicArea)
        ) is not None:
            area = await scoped.select_related("tenant").get_or_none(id=uid)
        if area is None:
            problems.append(
                Problem("thematicArea", "NOT_FOUND", "No thematic area you may see has this id.")
            )
        raise_if_any(problems)
        assert area is not None
        self._require(
            new.classification,
            Action.CREATE,
            area.tenant.path,
            refusal=f"You may not add {new.classification} projects to this fund.",
        )
        return await self._create(
            FundProject,
            tenant_id=area.tenant_id,
            fund_id=area.fund_id,
            thematic_area=area,
            title=title,
            budget=budget,
            currency=currency,
            status=new.status,
            classification=new.classification,
        )


class PledgeService(ScopedService[Pledge]):
    """Who pledged how much: readable only with ``read`` on ``fund.pledge``."""

    model = Pledge
    resource = Resource.FUND_PLEDGE
    names = RecordNames("pledge", "pledges")

    async def of_funds(
        self, fund_ids: Sequence[str], statuses: Sequence[PledgeStatus] = ()
    ) -> dict[str, list[Pledge]]:
        """Each fund's visible pledges, oldest first, in one statement (those of a fund
        that reached the caller only as far as a reach rule lets pledges travel)."""
        queryset = self.visible(network=True)
        wanted = parse_ids(fund_ids)
        if queryset is None or not wanted:
            return {}
        queryset = queryset.filter(fund_id__in=wanted)
        if statuses:
            queryset = queryset.filter(status__in=[str(s) for s in statuses])
        rows = await audited.all_of(self.ctx, self.resource, queryset.order_by("created_at", "id"))
        return grouped(rows, "fund_id")

    async def record(self, new: NewPledge) -> Pledge:
        """Record a pledge in the fund's tenant, from first outreach onwards."""
        problems: list[Problem] = []
        amount = check_amount(problems, "amount", new.amount)
        currency = check_currency(problems, "currency", new.currency)
        note = check_text(problems, "note", new.note, max_length=5_000)
        fund = await FundService(self.ctx).known(new.fund_id, problems, "fund", home=True)
        donor = await OrganisationService(self.ctx).known(new.donor_id, problems, "donor")
        raise_if_any(problems)
        assert fund is not None
        assert donor is not None
        await fund.fetch_related("tenant")
        self._require(
            new.classification,
            Action.CREATE,
            fund.tenant.path,
            refusal=f"You may not record {new.classification} pledges to this fund.",
        )
        return await self._create(
            Pledge,
            tenant_id=fund.tenant_id,
            fund=fund,
            donor=donor,
            amount=amount,
            currency=currency,
            status=new.status,
            note=note or "",
            classification=new.classification,
        )

    async def move(self, raw_id: str, to: PledgeStatus) -> Pledge:
        """Move a pledge forward: pledged, then signed, then received."""
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE)
            if not workflow.may_move(row.status, to):
                raise InvalidInput(
                    [Problem("status", "INVALID_TRANSITION", workflow.refusal(row.status, to))]
                )
            row.status = to
            await row.save(update_fields=["status", "updated_at"])
            await self._audit("update", row)
        return row
