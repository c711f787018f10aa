"""Per-request loaders of consultations: sessions and participants of a whole page in one
statement each."""

from __future__ import annotations

from collections.abc import Sequence

from hub.consultations.models import Participant, WorkingSession
from hub.consultations.service import ConsultationService
from hub.core.loading import RequestLoader


class SessionsLoader(RequestLoader[str, list[WorkingSession]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[WorkingSession]]:
        grouped = await ConsultationService(self.ctx).sessions(keys)
        return [grouped.get(key, []) for key in keys]


class ParticipantsLoader(RequestLoader[str, list[Participant]]):
    async def load_batch(self, keys: Sequence[str]) -> list[list[Participant]]:
        grouped = await ConsultationService(self.ctx).participants(keys)
        return [grouped.get(key, []) for key in keys]
