"""Per-request loaders of advocacy: notes named by statements, statements' histories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from hub.advocacy.models import AdvocacyNote, StatementTransition
from hub.advocacy.service import AdvocacyService
from hub.advocacy.statements import StatementService
from hub.core.loading import GroupedLoader, RequestLoader


class NoteByIdLoader(RequestLoader[str, AdvocacyNote | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[AdvocacyNote | None]:
        return await AdvocacyService(self.ctx).get_many(keys)


class StatementHistoryLoader(GroupedLoader[UUID, StatementTransition]):
    async def groups(self, keys: Sequence[UUID]) -> Mapping[str, list[StatementTransition]]:
        return await StatementService(self.ctx).history(keys)
