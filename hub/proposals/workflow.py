"""The review workflow: submitted -> under review -> accepted, reflected or declined."""

from __future__ import annotations

from hub.proposals.models import ProposalStatus as S

NEXT: dict[S, frozenset[S]] = {
    S.SUBMITTED: frozenset({S.UNDER_REVIEW}),
    S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.REFLECTED, S.DECLINED}),
    S.ACCEPTED: frozenset(),
    S.REFLECTED: frozenset(),
    S.DECLINED: frozenset(),
}

# A decision is owed an explanation to the organisation that made the proposal.
NEEDS_RESPONSE = frozenset({S.ACCEPTED, S.REFLECTED, S.DECLINED})


def may_move(current: S, target: S) -> bool:
    return target in NEXT[current]


def refusal(current: S, target: S) -> str:
    allowed = sorted(s.value for s in NEXT[current])
    if not allowed:
        return f"A {current.value} proposal has been decided and cannot change status."
    return (
        f"A {current.value} proposal cannot become {target.value}; "
        f"it can become {', '.join(allowed)}."
    )
