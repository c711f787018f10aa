"""Per-request loaders for proposals: a page of work streams or proposals costs one
statement for all their proposals or histories, whatever the page size."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from hub.loading import RequestLoader
from hub.proposals.models import Proposal, ProposalTransition
from hub.proposals.service import ProposalService


class ProposalsByWorkStreamLoader(RequestLoader[str, list[Proposal]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[Proposal]]:
        grouped = await ProposalService(self.ctx).of_work_streams(keys)
        return [grouped.get(key, []) for key in keys]


class HistoryLoader(RequestLoader[UUID, list[ProposalTransition]]):
    async def load_batch(self, keys: Sequence[UUID]) -> list[list[ProposalTransition]]:
        grouped = await ProposalService(self.ctx).history(keys)
        return [grouped.get(str(key), []) for key in keys]
