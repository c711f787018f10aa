"""Per-request loaders of consultations: sessions and participants of a whole page in one
statement each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hub.consultations.models import Participant, WorkingSession
from hub.consultations.service import ConsultationService
from hub.core.loading import GroupedLoader


class SessionsLoader(GroupedLoader[str, WorkingSession]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[WorkingSession]]:
        return await ConsultationService(self.ctx).sessions(keys)


class ParticipantsLoader(GroupedLoader[str, Participant]):
    async def groups(self, keys: Sequence[str]) -> Mapping[str, list[Participant]]:
        return await ConsultationService(self.ctx).participants(keys)
