"""Pledges move forward only: outreach -> pledged -> signed -> received; projects too:
proposed -> approved -> active (under way) -> completed (closed)."""

from __future__ import annotations

from hub.core.workflow import Workflow
from hub.fund.models import PledgeStatus, ProjectStatus

ORDER = list(PledgeStatus)

# Pledges that count towards the target: a donor has committed the money.
COMMITTED = frozenset({PledgeStatus.PLEDGED, PledgeStatus.SIGNED, PledgeStatus.RECEIVED})

PLEDGES = Workflow.forward_only(
    "pledge", ORDER, final="The pledge has been received; its status cannot change."
)
may_move = PLEDGES.may_move
refusal = PLEDGES.refusal

PROJECTS = Workflow.forward_only(
    "project", list(ProjectStatus), final="The project is completed; its status cannot change."
)
