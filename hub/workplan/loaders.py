"""Per-request loader of work streams by id: one statement for a page's references."""

from __future__ import annotations

from collections.abc import Sequence

from hub.access.scoped import children_loader
from hub.core.loading import RequestLoader
from hub.workplan.members import MembershipService
from hub.workplan.models import WorkStream, WorkStreamMembership
from hub.workplan.service import WorkStreamService


class WorkStreamByIdLoader(RequestLoader[str, WorkStream | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[WorkStream | None]:
        return await WorkStreamService(self.ctx).get_many(keys)


# Every membership of each work stream, past ones included; memberships are not audited
# when read.
MembershipsLoader = children_loader(
    MembershipService, WorkStreamMembership, "work_stream", ["since"], audit_reads=False
)
