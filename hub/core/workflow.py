"""The statuses a record may move to from each of its statuses, and why it may not."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from enum import StrEnum
from typing import Generic, TypeVar

S = TypeVar("S", bound=StrEnum)

CANNOT_CHANGE = "A {current} {what} cannot change status."


class Workflow(Generic[S]):
    """Moves allowed between the statuses of one kind of record (``what``, as a message
    names it). ``may_stay`` lets an edit that leaves the status as it is through; ``final``
    is the message for a status that nothing follows."""

    def __init__(
        self,
        what: str,
        next: Mapping[S, Collection[S]],
        *,
        may_stay: bool = False,
        final: str = CANNOT_CHANGE,
    ) -> None:
        self.what = what
        self.next = next
        self.may_stay = may_stay
        self.final = final

    @classmethod
    def forward_only(cls, what: str, order: Sequence[S], *, final: str) -> Workflow[S]:
        """Each status may become any later one, named in their order."""
        return cls(what, {s: order[i + 1 :] for i, s in enumerate(order)}, final=final)

    def may_move(self, current: S, target: S) -> bool:
        return (self.may_stay and target == current) or target in self.next[current]

    def refusal(self, current: S, target: S) -> str:
        """The message for a move that ``may_move`` refuses."""
        allowed = self.next[current]
        if not allowed:
            return self.final.format(current=current.value, what=self.what)
        # A set is named in alphabetical order; a sequence in its own.
        if isinstance(allowed, Sequence):
            names = [s.value for s in allowed]
        else:
            names = sorted(s.value for s in allowed)
        return (
            f"A {current.value} {self.what} cannot become {target.value}; "
            f"it can become {', '.join(names)}."
        )

    def why_not(self, current: S, target: S) -> str | None:
        """Why ``current`` cannot become ``target``; None when it can."""
        return None if self.may_move(current, target) else self.refusal(current, target)
