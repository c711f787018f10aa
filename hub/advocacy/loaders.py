"""Per-request loaders of advocacy: notes named by statements, statements' histories."""

from __future__ import annotations

from collections.abc import Sequence

from hub.access.scoped import transitions_loader
from hub.advocacy.models import AdvocacyNote, StatementTransition
from hub.advocacy.service import AdvocacyService
from hub.core.loading import RequestLoader


class NoteByIdLoader(RequestLoader[str, AdvocacyNote | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[AdvocacyNote | None]:
        return await AdvocacyService(self.ctx).get_many(keys)


StatementHistoryLoader = transitions_loader(StatementTransition, "statement")
