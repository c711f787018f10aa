"""Pledges move forward only: outreach -> pledged -> signed -> received."""

from __future__ import annotations

from hub.fund.models import PledgeStatus

ORDER = list(PledgeStatus)

# Pledges that count towards the target: a donor has committed the money.
COMMITTED = frozenset({PledgeStatus.PLEDGED, PledgeStatus.SIGNED, PledgeStatus.RECEIVED})


def may_move(current: PledgeStatus, target: PledgeStatus) -> bool:
    return ORDER.index(target) > ORDER.index(current)


def refusal(current: PledgeStatus, target: PledgeStatus) -> str:
    later = [s.value for s in ORDER[ORDER.index(current) + 1 :]]
    if not later:
        return "The pledge has been received; its status cannot change."
    return (
        f"A {current.value} pledge cannot become {target.value}; it can become {', '.join(later)}."
    )
