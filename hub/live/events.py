"""What a live event carries: never content, only what names the changed object."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

# The PostgreSQL channel that carries every live event.
CHANNEL = "hub_live"


class EventKind(StrEnum):
    PROPOSAL_SUBMITTED = "proposal_submitted"
    PROPOSAL_STATUS_CHANGED = "proposal_status_changed"
    CONSULTATION_ANNOUNCED = "consultation_announced"


@dataclass(frozen=True)
class Event:
    tenant_id: UUID
    kind: EventKind
    object_id: UUID

    def encode(self) -> str:
        return json.dumps(
            {"t": str(self.tenant_id), "k": str(self.kind), "o": str(self.object_id)},
            separators=(",", ":"),
        )

    @classmethod
    def decode(cls, payload: str) -> Event | None:
        """The event in a notification; None for anything malformed."""
        try:
            data = json.loads(payload)
            return cls(UUID(data["t"]), EventKind(data["k"]), UUID(data["o"]))
        except (ValueError, KeyError, TypeError):
            return None
