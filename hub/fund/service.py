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
from hub.access.listing import ClassifiedFilter, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, ScopedService, grouped, set_given
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
    Allocation,
    ExchangeRate,
    Fund,
    FundProject,
    Mou,
    Pledge,
    PledgeStatus,
    ProjectStatus,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.fund.totals import FundTotals, PledgeAmount, Rate, compute
from hub.stakeholders.service import OrganisationService

C = TypeVar("C", ThematicArea, FundProject, Mou, SteeringCommitteeMember)


@dataclass(frozen=True)
class Share:
    """Part of a project's budget for one thematic area of its fund."""

    thematic_area_id: str
    amount: Decimal


@dataclass(frozen=True)
class NewProject:
    thematic_area_id: str
    title: str
    budget: Decimal
    currency: str
    status: ProjectStatus = ProjectStatus.PROPOSED
    classification: Classification = Classification.NETWORK
    # None: the whole budget goes to the project's thematic area.
    allocations: Sequence[Share] | None = None


@dataclass(frozen=True)
class ProjectChanges:
    """Changes to a project; None leaves a field as it is."""

    title: str | None = None
    budget: Decimal | None = None
    allocations: Sequence[Share] | None = None


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


@dataclass(frozen=True)
class FundFilter(ClassifiedFilter):
    """Funds are not archived: ``include_archived`` changes nothing."""


class FundService(FilteredService[Fund, FundFilter]):
    """The fund and what hangs from it, except who pledged what (``PledgeService``)."""

    model = Fund
    resource = Resource.FUND
    names = RecordNames("fund", "funds")

    def search(self, flt: FundFilter) -> Listing[Fund] | None:
        return self._filtered(
            flt.network, flt.tenant_slug, containing(flt.search, "name"), flt.classified()
        )

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
        rates = await self.latest_rates([str(f.id) for f in funds])
        return {
            str(f.id): compute(f.currency, f.target_amount, amounts[str(f.id)], rates[str(f.id)])
            for f in funds
        }

    async def latest_rates(self, fund_ids: Sequence[str]) -> dict[str, dict[str, Rate]]:
        """Each fund's latest recorded rate of each currency (the last recorded, of rates
        of the same day), by fund id and currency."""
        latest: dict[str, dict[str, Rate]] = defaultdict(dict)
        queryset = self.children_rows(ExchangeRate)
        if queryset is None:
            return latest
        newest_first = queryset.filter(fund_id__in=parse_ids(fund_ids)).order_by(
            "-as_of", "-created_at", "-id"
        )
        for row in await newest_first:
            rates = latest[str(row.fund_id)]
            if row.currency not in rates:
                rates[row.currency] = Rate(row.currency, row.rate, row.as_of, row.source)
        return latest

    async def create_project(self, new: NewProject) -> FundProject:
        """A project under a thematic area, its budget allocated over areas of its fund."""
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
        shares = new.allocations
        if shares is None:
            shares = [Share(str(area.id), budget)]
        async with in_transaction():
            fund = await self._locked(str(area.fund_id), Action.UPDATE, field="thematicArea")
            allocated = await self._allocations(problems, fund, budget, shares)
            raise_if_any(problems)
            project = await FundProject.create(
                tenant_id=area.tenant_id,
                fund_id=area.fund_id,
                thematic_area=area,
                title=title,
                budget=budget,
                currency=currency,
                status=new.status,
                classification=new.classification,
            )
            await self._allocate(project, allocated)
            await self._record("create", fund, project)
        return project

    async def update_project(self, raw_id: str, changes: ProjectChanges) -> FundProject:
        """Change a project's title or budget, or how its budget is allocated. A budget
        allocated over several areas changes with its allocations."""
        problems: list[Problem] = []
        title = check_text(problems, "title", changes.title, max_length=300, allow_blank=False)
        if changes.budget is not None:
            check_amount(problems, "budget", changes.budget)
        async with in_transaction():
            project, fund = await self._part(
                FundProject, raw_id, "fund", "No project you may see has this id."
            )
            self._require(project.classification, Action.UPDATE, fund.tenant.path)
            budget = project.budget if changes.budget is None else changes.budget
            shares = changes.allocations
            if shares is None and changes.budget is not None:
                current = await Allocation.filter(project_id=project.id)
                if len(current) > 1:
                    problems.append(
                        Problem(
                            "allocations",
                            "REQUIRED",
                            "The budget is allocated over several thematic areas: "
                            "give the allocations of the new budget.",
                        )
                    )
                else:
                    shares = [Share(str(a.thematic_area_id), budget) for a in current]
            allocated = None
            if shares is not None:
                allocated = await self._allocations(problems, fund, budget, shares)
            raise_if_any(problems)
            set_given(project, title=title, budget=changes.budget)
            await project.save()
            if allocated is not None:
                await Allocation.filter(project_id=project.id).delete()
                await self._allocate(project, allocated)
            await self._record("update", fund, project)
        return project

    async def move_project(self, raw_id: str, to: ProjectStatus) -> FundProject:
        """Move a project forward: approved, under way, completed; never back."""
        async with in_transaction():
            project, fund = await self._part(
                FundProject, raw_id, "fund", "No project you may see has this id."
            )
            self._require(project.classification, Action.UPDATE, fund.tenant.path)
            if not workflow.PROJECTS.may_move(project.status, to):
                raise InvalidInput(
                    [
                        Problem(
                            "status",
                            "INVALID_TRANSITION",
                            workflow.PROJECTS.refusal(project.status, to),
                        )
                    ]
                )
            project.status = to
            await project.save(update_fields=["status"])
            await self._record("update", fund, project)
        return project

    async def _allocations(
        self, problems: list[Problem], fund: Fund, budget: Decimal, shares: Sequence[Share]
    ) -> list[tuple[UUID, Decimal]]:
        """The thematic areas of ``fund`` and amounts that ``shares`` name, once each,
        adding up to the budget; problems with ``allocations.N`` fields otherwise."""
        if not shares:
            problems.append(
                Problem("allocations", "REQUIRED", "A project's budget goes to one area or more.")
            )
            return []
        areas = {
            str(a.id): a.id
            for a in await ThematicArea.filter(
                fund_id=fund.id, id__in=parse_ids([s.thematic_area_id for s in shares])
            )
        }
        allocated: list[tuple[UUID, Decimal]] = []
        known = len(problems)
        for n, share in enumerate(shares):
            amount = check_amount(problems, f"allocations.{n}.amount", share.amount)
            area = areas.get(str(parse_id(share.thematic_area_id)))
            if area is None:
                problems.append(
                    Problem(
                        f"allocations.{n}.thematicArea",
                        "NOT_FOUND",
                        "The fund has no thematic area with this id.",
                    )
                )
            elif any(area == seen for seen, _ in allocated):
                problems.append(
                    Problem(
                        f"allocations.{n}.thematicArea",
                        "DUPLICATE",
                        "The area is named twice.",
                    )
                )
            else:
                allocated.append((area, amount))
        total = sum((amount for _, amount in allocated), Decimal(0))
        if len(problems) == known and total != budget:
            problems.append(
                Problem(
                    "allocations",
                    "NOT_THE_BUDGET",
                    f"The allocations add up to {total}; the budget is {budget}.",
                )
            )
        return allocated

    @staticmethod
    async def _allocate(project: FundProject, allocated: Sequence[tuple[UUID, Decimal]]) -> None:
        await Allocation.bulk_create(
            [
                Allocation(
                    tenant_id=project.tenant_id,
                    project=project,
                    thematic_area_id=area,
                    amount=amount,
                    currency=project.currency,
                    classification=project.classification,
                )
                for area, amount in allocated
            ]
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
        # A pledge lives with its fund, which may be in a tenant below the request's.
        await self._owned(fund.tenant)
        async with in_transaction():
            pledge = await Pledge.create(
                tenant_id=fund.tenant_id,
                fund=fund,
                donor=donor,
                amount=amount,
                currency=currency,
                status=new.status,
                note=note or "",
                classification=new.classification,
            )
            # Every change of a fund's money is audited, whatever its classification.
            await self._record("create", pledge)
        return pledge

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
            await self._record("update", row)
        return row
