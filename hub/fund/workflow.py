"""Pledges move forward only: outreach -> pledged -> signed -> received."""

from __future__ import annotations

from hub.core.workflow import Workflow
from hub.fund.models import PledgeStatus

ORDER = list(PledgeStatus)

# Pledges that count towards the target: a donor has committed the money.
COMMITTED = frozenset({PledgeStatus.PLEDGED, PledgeStatus.SIGNED, PledgeStatus.RECEIVED})

PLEDGES = Workflow.forward_only(
    "pledge", ORDER, final="The pledge has been received; its status cannot change."
)
may_move = PLEDGES.may_move
refusal = PLEDGES.refusal
