"""Per-request loaders of the fund: a page of funds costs one statement per relation,
whatever its size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hub.access.scoped import children_loader
from hub.core.loading import GroupedLoader, RequestLoader
from hub.fund.models import (
    Allocation,
    ExchangeRate,
    Fund,
    FundProject,
    Mou,
    Pledge,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.fund.service import FundService, PledgeService
from hub.fund.totals import FundTotals

ThematicAreasLoader = children_loader(FundService, ThematicArea, "fund", ["number"])
MousLoader = children_loader(FundService, Mou, "fund", ["signatory"])
SteeringCommitteeLoader = children_loader(
    FundService, SteeringCommitteeMember, "fund", ["seat", "name"]
)
ProjectsByAreaLoader = children_loader(FundService, FundProject, "thematic_area", ["created_at"])
AllocationsLoader = children_loader(FundService, Allocation, "project", ["thematic_area_id"])
ExchangeRatesLoader = children_loader(FundService, ExchangeRate, "fund", ["as_of"])


class ThematicAreaByIdLoader(RequestLoader[str, ThematicArea | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[ThematicArea | None]:
        return await FundService(self.ctx).by_ids(ThematicArea, keys)


class TotalsLoader(RequestLoader[Fund, FundTotals]):
    async def load_batch(self, keys: Sequence[Fund]) -> list[FundTotals]:
        totals = await FundService(self.ctx).totals(keys)
        return [totals[str(fund.id)] for fund in keys]


class PledgesLoader(GroupedLoader[str, Pledge]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[Pledge]]:
        return await PledgeService(self.ctx).of_funds(keys)
