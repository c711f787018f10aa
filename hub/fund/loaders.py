"""Per-request loaders of the fund: a page of funds costs one statement per relation,
whatever its size."""

from __future__ import annotations

from collections.abc import Sequence

from hub.core.loading import RequestLoader
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


class ThematicAreasLoader(RequestLoader[str, list[ThematicArea]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[ThematicArea]]:
        grouped = await FundService(self.ctx).thematic_areas(keys)
        return [grouped.get(key, []) for key in keys]


class MousLoader(RequestLoader[str, list[Mou]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[Mou]]:
        grouped = await FundService(self.ctx).mous(keys)
        return [grouped.get(key, []) for key in keys]


class SteeringCommitteeLoader(RequestLoader[str, list[SteeringCommitteeMember]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[SteeringCommitteeMember]]:
        grouped = await FundService(self.ctx).steering_committee(keys)
        return [grouped.get(key, []) for key in keys]


class ProjectsByAreaLoader(RequestLoader[str, list[FundProject]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[FundProject]]:
        grouped = await FundService(self.ctx).projects(keys)
        return [grouped.get(key, []) for key in keys]


class TotalsLoader(RequestLoader[Fund, FundTotals]):
    async def load_batch(self, keys: Sequence[Fund]) -> list[FundTotals]:
        totals = await FundService(self.ctx).totals(keys)
        return [totals[str(fund.id)] for fund in keys]


class PledgesLoader(RequestLoader[str, list[Pledge]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[Pledge]]:
        grouped = await PledgeService(self.ctx).of_funds(keys)
        return [grouped.get(key, []) for key in keys]
