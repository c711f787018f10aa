"""An initiative is planned, then ongoing, then completed; until then it can be
discontinued. One reported after the fact may go straight to completed."""

from __future__ import annotations

from hub.core.workflow import Workflow
from hub.initiatives.models import InitiativeStatus as S

NEXT: dict[S, frozenset[S]] = {
    S.PLANNED: frozenset({S.ONGOING, S.COMPLETED, S.DISCONTINUED}),
    S.ONGOING: frozenset({S.COMPLETED, S.DISCONTINUED}),
    S.COMPLETED: frozenset(),
    S.DISCONTINUED: frozenset(),
}

STATUSES = Workflow("initiative", NEXT, may_stay=True)
may_move = STATUSES.may_move
refusal = STATUSES.refusal
