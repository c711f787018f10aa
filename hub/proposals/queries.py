"""Proposal queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.graphql.list_fields import list_field, service_pages
from hub.proposals.service import ProposalService
from hub.proposals.types import PROPOSALS


@strawberry.type
class ProposalQuery:
    proposals = list_field(
        PROPOSALS,
        service_pages(ProposalService),
        **guarded(
            Resource.PROPOSAL,
            Action.READ,
            "Proposals of this tenant and the tenants below it that you may see, newest "
            "first unless ordered otherwise; archived ones only when asked for.",
        ),
    )
