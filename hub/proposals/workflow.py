"""The review workflow: submitted -> under review -> accepted, reflected or declined; a
submitted proposal may be withdrawn by its authors instead."""

from __future__ import annotations

from hub.core.workflow import Workflow
from hub.proposals.models import ProposalStatus as S

NEXT: dict[S, frozenset[S]] = {
    S.SUBMITTED: frozenset({S.UNDER_REVIEW}),
    S.UNDER_REVIEW: frozenset({S.ACCEPTED, S.REFLECTED, S.DECLINED}),
    S.ACCEPTED: frozenset(),
    S.REFLECTED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# What its authors may still do: change it, or take it back. Once a reviewer has it, it is
# kept as it was sent.
BEFORE_REVIEW = S.SUBMITTED

# A decision is owed an explanation to the organisation that made the proposal.
NEEDS_RESPONSE = frozenset({S.ACCEPTED, S.REFLECTED, S.DECLINED})

REVIEW = Workflow(
    "proposal", NEXT, final="A {current} {what} has been decided and cannot change status."
)
may_move = REVIEW.may_move
refusal = REVIEW.refusal
