"""Per-request loaders of consultations: sessions, participants and places taken of a whole
page in one statement each."""

from __future__ import annotations

from collections.abc import Sequence

from hub.access.scoped import children_loader
from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.consultations.service import ConsultationService
from hub.core.loading import RequestLoader

SessionsLoader = children_loader(
    ConsultationService, WorkingSession, "consultation", ["number"], audit_reads=False
)
ParticipantsLoader = children_loader(
    ConsultationService, Participant, "consultation", ["created_at"], audit_reads=False
)


class PlacesTakenLoader(RequestLoader[str, int]):
    """How many organisations take part in each consultation of a page, in one statement."""

    async def load_batch(self, keys: Sequence[str]) -> list[int]:
        taken = await ConsultationService(self.ctx).places_taken(keys)
        return [taken.get(key, 0) for key in keys]


class ConsultationByIdLoader(RequestLoader[str, Consultation | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[Consultation | None]:
        return await ConsultationService(self.ctx).get_many(keys)


class SessionByIdLoader(RequestLoader[str, WorkingSession | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[WorkingSession | None]:
        return await ConsultationService(self.ctx).sessions_by_ids(keys)
