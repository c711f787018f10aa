"""Per-request loaders of the fund: a page of funds costs one statement per relation,
whatever its size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hub.core.loading import GroupedLoader, RequestLoader
from hub.fund.models import (
    Fund,
    FundProject,
    Mou,
    Pledge,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.fund.service import FundService, PledgeService
from hub.fund.totals import FundTotals


class ThematicAreasLoader(GroupedLoader[str, ThematicArea]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[ThematicArea]]:
        return await FundService(self.ctx).thematic_areas(keys)


class MousLoader(GroupedLoader[str, Mou]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[Mou]]:
        return await FundService(self.ctx).mous(keys)


class SteeringCommitteeLoader(GroupedLoader[str, SteeringCommitteeMember]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[SteeringCommitteeMember]]:
        return await FundService(self.ctx).steering_committee(keys)


class ProjectsByAreaLoader(GroupedLoader[str, FundProject]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[FundProject]]:
        return await FundService(self.ctx).projects(keys)


class TotalsLoader(RequestLoader[Fund, FundTotals]):
    async def load_batch(self, keys: Sequence[Fund]) -> list[FundTotals]:
        totals = await FundService(self.ctx).totals(keys)
        return [totals[str(fund.id)] for fund in keys]


class PledgesLoader(GroupedLoader[str, Pledge]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[Pledge]]:
        return await PledgeService(self.ctx).of_funds(keys)
