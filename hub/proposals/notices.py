"""A proposal's authors hear by e-mail when its status changes: the members of the
organisation that made it, and whoever submitted it, but not whoever changed it."""

from __future__ import annotations

from hub.live.events import EventKind
from hub.mail.outbox import Notice, enqueue
from hub.proposals.models import Proposal, ProposalStatus, ProposalTransition
from hub.stakeholders.membership import members_of

STATUS_NAMES = {
    ProposalStatus.SUBMITTED: "submitted",
    ProposalStatus.UNDER_REVIEW: "under review",
    ProposalStatus.ACCEPTED: "accepted",
    ProposalStatus.REFLECTED: "reflected (taken into account)",
    ProposalStatus.DECLINED: "declined",
    ProposalStatus.WITHDRAWN: "withdrawn",
}


async def status_changed(proposal: Proposal, actor: str, note: str = "") -> int:
    """Queue the notice of ``proposal``'s new status in the transaction that set it; how
    many were queued."""
    members = await members_of(proposal.organisation_id)
    submitted = await ProposalTransition.filter(
        proposal_id=proposal.id, from_status__isnull=True
    ).values_list("actor", flat=True)
    recipients = {str(r).lower() for r in [*members, *submitted]} - {actor.lower()}
    status = STATUS_NAMES[ProposalStatus(proposal.status)]
    lines = [f"Your proposal \u201c{proposal.title}\u201d is now {status}."]
    if note:
        lines += ["", note]
    notice = Notice(
        tenant_id=proposal.tenant_id,
        about=str(EventKind.PROPOSAL_STATUS_CHANGED),
        object_id=proposal.id,
        subject=f"Your proposal is {status}: {proposal.title}",
        body="\n".join(lines) + "\n",
    )
    return await enqueue(notice, sorted(recipients))
