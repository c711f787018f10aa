"""Per-request loader of work streams by id: one statement for a page's references."""

from __future__ import annotations

from collections.abc import Sequence

from hub.loading import RequestLoader
from hub.workplan.models import WorkStream
from hub.workplan.service import WorkStreamService


class WorkStreamByIdLoader(RequestLoader[str, WorkStream | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[WorkStream | None]:
        return await WorkStreamService(self.ctx).get_many(keys)
