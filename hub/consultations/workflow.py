"""A consultation is planned, announced, then held; until it is held it can be cancelled."""

from __future__ import annotations

from hub.consultations.models import ConsultationStatus as S
from hub.core.workflow import Workflow

NEXT: dict[S, frozenset[S]] = {
    S.PLANNED: frozenset({S.ANNOUNCED, S.CANCELLED}),
    S.ANNOUNCED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset(),
    S.CANCELLED: frozenset(),
}

STATUSES = Workflow("consultation", NEXT, may_stay=True)
may_move = STATUSES.may_move
refusal = STATUSES.refusal
