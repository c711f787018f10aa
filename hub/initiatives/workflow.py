"""An initiative is planned, then ongoing, then completed; until then it can be
discontinued. One reported after the fact may go straight to completed."""

from __future__ import annotations

from hub.initiatives.models import InitiativeStatus as S

NEXT: dict[S, frozenset[S]] = {
    S.PLANNED: frozenset({S.ONGOING, S.COMPLETED, S.DISCONTINUED}),
    S.ONGOING: frozenset({S.COMPLETED, S.DISCONTINUED}),
    S.COMPLETED: frozenset(),
    S.DISCONTINUED: frozenset(),
}


def may_move(current: S, target: S) -> bool:
    return target == current or target in NEXT[current]


def refusal(current: S, target: S) -> str:
    allowed = sorted(s.value for s in NEXT[current])
    if not allowed:
        return f"A {current.value} initiative cannot change status."
    return (
        f"A {current.value} initiative cannot become {target.value}; "
        f"it can become {', '.join(allowed)}."
    )
