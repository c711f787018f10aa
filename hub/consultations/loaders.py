"""Per-request loaders of consultations: sessions and participants of a whole page in one
statement each."""

from __future__ import annotations

from hub.access.scoped import children_loader
from hub.consultations.models import Participant, WorkingSession
from hub.consultations.service import ConsultationService

SessionsLoader = children_loader(
    ConsultationService, WorkingSession, "consultation", ["number"], audit_reads=False
)
ParticipantsLoader = children_loader(
    ConsultationService, Participant, "consultation", ["created_at"], audit_reads=False
)
