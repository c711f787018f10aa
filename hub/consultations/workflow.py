"""A consultation is planned, announced, then held; until it is held it can be cancelled."""

from __future__ import annotations

from hub.consultations.models import ConsultationStatus as S

NEXT: dict[S, frozenset[S]] = {
    S.PLANNED: frozenset({S.ANNOUNCED, S.CANCELLED}),
    S.ANNOUNCED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset(),
    S.CANCELLED: frozenset(),
}


def may_move(current: S, target: S) -> bool:
    return target == current or target in NEXT[current]


def refusal(current: S, target: S) -> str:
    allowed = sorted(s.value for s in NEXT[current])
    if not allowed:
        return f"A {current.value} consultation cannot change status."
    return (
        f"A {current.value} consultation cannot become {target.value}; "
        f"it can become {', '.join(allowed)}."
    )
