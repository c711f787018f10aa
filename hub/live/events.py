"""What a live event carries: never content, only what names the changed object."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID

from hub.observability.trace_context import Carrier

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
    # The trace context of the write that published it (W3C traceparent and tracestate),
    # for the span that delivers it; empty when the write was not traced. Not part of what
    # the event is.
    trace_context: Carrier = field(default=(), compare=False)

    def encode(self) -> str:
        data: dict[str, object] = {
            "t": str(self.tenant_id),
            "k": str(self.kind),
            "o": str(self.object_id),
        }
        if self.trace_context:
            data["c"] = dict(self.trace_context)
        return json.dumps(data, separators=(",", ":"))

    @classmethod
    def decode(cls, payload: str) -> Event | None:
        """The event in a notification; None for anything malformed (a malformed trace
        context is only left out)."""
        try:
            data = json.loads(payload)
            event = cls(UUID(data["t"]), EventKind(data["k"]), UUID(data["o"]))
        except (ValueError, KeyError, TypeError):
            return None
        context = data.get("c")
        if isinstance(context, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in context.items()
        ):
            return cls(event.tenant_id, event.kind, event.object_id, tuple(context.items()))
        return event
