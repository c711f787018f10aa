"""How advocacy notes and statements move.

A note is opened, reviewed, then actioned (a statement, a representation) or closed; a
note under review can go back to open, and one merely monitored can be closed directly.
A statement is drafted, reviewed (and sent back to draft if need be), approved, published.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from hub.advocacy.models import NoteStatus as N
from hub.advocacy.models import StatementStatus as S
from hub.core.workflow import Workflow

E = TypeVar("E", bound=StrEnum)

NOTE_NEXT: dict[N, frozenset[N]] = {
    N.OPEN: frozenset({N.IN_REVIEW, N.CLOSED}),
    N.IN_REVIEW: frozenset({N.OPEN, N.ACTIONED, N.CLOSED}),
    N.ACTIONED: frozenset({N.CLOSED}),
    N.CLOSED: frozenset(),
}

STATEMENT_NEXT: dict[S, frozenset[S]] = {
    S.DRAFT: frozenset({S.IN_REVIEW}),
    S.IN_REVIEW: frozenset({S.DRAFT, S.APPROVED}),
    S.APPROVED: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset(),
}


def refusal(what: str, graph: dict[E, frozenset[E]], current: E, target: E) -> str | None:
    """Why ``current`` cannot become ``target``; None when it can."""
    return Workflow(what, graph).why_not(current, target)
