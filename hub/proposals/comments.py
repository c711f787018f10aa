"""Comments on proposals: each with a classification of its own, never below its
proposal's, read and written under the policy's `proposal.comment` rules, and every one
written down in the audit log."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.transactions import in_transaction

from hub.access import audited
from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, ScopedService, grouped
from hub.core.classification import Classification
from hub.core.lookup import parse_ids
from hub.core.validation import Problem, check_text, raise_if_any
from hub.proposals.models import ProposalComment
from hub.proposals.service import ProposalService

BODY_MAX = 5_000


class CommentService(ScopedService[ProposalComment]):
    model = ProposalComment
    resource = Resource.PROPOSAL_COMMENT
    names = RecordNames("comment", "comments")

    async def of_proposals(self, proposal_ids: Sequence[str]) -> dict[str, list[ProposalComment]]:
        """Each proposal's comments the caller may read, oldest first, in one statement;
        confidential ones audited as read."""
        rows = self.visible(network=True)
        wanted = parse_ids(proposal_ids)
        if rows is None or not wanted:
            return {}
        chosen = rows.filter(proposal_id__in=wanted).order_by("created_at", "id")
        return grouped(await audited.all_of(self.ctx, self.resource, chosen), "proposal_id")

    async def add(
        self, proposal_id: str, body: str, classification: Classification
    ) -> ProposalComment:
        """A comment on a proposal of the caller's subtree that they may read."""
        problems: list[Problem] = []
        text = check_text(problems, "body", body, max_length=BODY_MAX, allow_blank=False)
        proposal = await ProposalService(self.ctx).known(
            proposal_id, problems, "proposal", home=True
        )
        levels = list(Classification)
        if proposal is not None and levels.index(classification) < levels.index(
            Classification(proposal.classification)
        ):
            problems.append(
                Problem(
                    "classification",
                    "BELOW_PROPOSAL",
                    "A comment is shared no more widely than its proposal.",
                )
            )
        raise_if_any(problems)
        assert proposal is not None
        await proposal.fetch_related("tenant")
        self._require(classification, Action.CREATE, proposal.tenant.path)
        # A comment lives with its proposal, which may be in a tenant below the request's.
        await self._owned(proposal.tenant)
        async with in_transaction():
            comment = await ProposalComment.create(
                tenant_id=proposal.tenant_id,
                proposal=proposal,
                author=self.ctx.principal.email,
                body=text,
                classification=classification,
            )
            await self._record("create", comment)
        return comment
