"""Per-request loader of work streams by id: one statement for a page's references."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hub.core.loading import GroupedLoader, RequestLoader
from hub.workplan.members import MembershipService
from hub.workplan.models import WorkStream, WorkStreamMembership
from hub.workplan.service import WorkStreamService


class WorkStreamByIdLoader(RequestLoader[str, WorkStream | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[WorkStream | None]:
        return await WorkStreamService(self.ctx).get_many(keys)


class MembershipsLoader(GroupedLoader[str, WorkStreamMembership]):
    """Every membership of each work stream, past ones included."""

    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[WorkStreamMembership]]:
        return await MembershipService(self.ctx).of_work_streams(keys, include_past=True)
