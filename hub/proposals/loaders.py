"""Per-request loaders for proposals: a page of work streams or proposals costs one
statement for all their proposals or histories, whatever the page size."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from hub.access.scoped import children_loader, transitions_loader
from hub.core.loading import GroupedLoader, RequestLoader
from hub.proposals.comments import CommentService
from hub.proposals.leading import Leading
from hub.proposals.models import Endorsement, ProposalComment, ProposalTransition
from hub.proposals.service import ProposalService


class ProposalsByWorkStreamLoader(RequestLoader[tuple[str, int], Leading]):
    """Keyed by work stream and page size: one statement per page size asked for (a
    document asks for one), whatever the number of work streams."""

    async def load_batch(self, keys: Sequence[tuple[str, int]]) -> list[Leading]:
        by_size: dict[int, list[str]] = defaultdict(list)
        for work_stream_id, first in keys:
            by_size[first].append(work_stream_id)
        service = ProposalService(self.ctx)
        found = {
            first: await service.first_of_work_streams(ids, first) for first, ids in by_size.items()
        }
        return [found[first].get(key) or Leading([], 0) for key, first in keys]


HistoryLoader = transitions_loader(ProposalTransition, "proposal")


class EndorsementCountLoader(RequestLoader[str, int]):
    async def load_batch(self, keys: Sequence[str]) -> list[int]:
        counts = await ProposalService(self.ctx).endorsement_counts(keys)
        return [counts.get(key, 0) for key in keys]


EndorsementsLoader = children_loader(ProposalService, Endorsement, "proposal", ["created_at"])


class CommentsLoader(GroupedLoader[str, ProposalComment]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[ProposalComment]]:
        return await CommentService(self.ctx).of_proposals(keys)
