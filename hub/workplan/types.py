"""GraphQL types of the work plan."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.context import Context
from hub.graphql.pagination import Connection
from hub.pagination import OrderDirection, Ordering, leading_page
from hub.workplan import models
from hub.workplan.service import WorkStreamService

if TYPE_CHECKING:
    from hub.proposals.types import Proposal

NESTED_PROPOSALS = 5

# Registering the models' enums with GraphQL leaves them the same Python classes.
strawberry.enum(models.WorkStreamStatus, description="Life cycle of a work stream.")


@strawberry.type(description="A work stream of the network's work plan.")
class WorkStream(relay.Node):
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Title of the work stream.")
    description: str = strawberry.field(description="What the work stream is about.")
    status: models.WorkStreamStatus = strawberry.field(description="Where it is in its life cycle.")
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @strawberry.field(
        description="Its first proposals that you may see, oldest first, without archived "
        "ones (none without `read` on `proposal`); page further with "
        "`proposals(filter: {workStream: ...})`."
    )
    async def proposals(
        self, info: strawberry.Info[Context, None], first: int = NESTED_PROPOSALS
    ) -> Connection[Annotated[Proposal, strawberry.lazy("hub.proposals.types")]]:
        # Imported here: proposals refer to work streams, so the modules import each other.
        from hub.proposals.loaders import ProposalsByWorkStreamLoader
        from hub.proposals.types import SUBMITTED_FIRST, Proposal

        rows = await ProposalsByWorkStreamLoader.of(info.context).load(self.id)
        page = leading_page(rows, first, SUBMITTED_FIRST)
        return Connection[Proposal].from_page(page, Proposal.from_model)

    @classmethod
    def from_model(cls, row: models.WorkStream) -> WorkStream:
        return cls(
            id=str(row.id),
            title=row.title,
            description=row.description,
            status=row.status,
            classification=row.classification,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[WorkStream | None]:
        rows = await WorkStreamService(info.context).get_many(list(node_ids))
        return [cls.from_model(row) if row else None for row in rows]


@strawberry.enum(description="Fields work streams can be sorted by.")
class WorkStreamOrderField(StrEnum):
    TITLE = "title"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@strawberry.input(description="Sort order of a work-stream list.")
class WorkStreamOrder:
    field: WorkStreamOrderField = strawberry.field(description="Field to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction."
    )

    def ordering(self) -> Ordering:
        return Ordering(str(self.field), self.direction)


DEFAULT_ORDER = Ordering("created_at", OrderDirection.ASC)


@strawberry.input(description="Narrows a work-stream list; all given conditions apply.")
class WorkStreamFilter:
    status: list[models.WorkStreamStatus] | None = strawberry.field(
        default=None, description="Any of these statuses."
    )
    classification: list[Classification] | None = strawberry.field(
        default=None, description="Any of these classifications."
    )
    search: str | None = strawberry.field(
        default=None, description="Text the title contains (case-insensitive)."
    )
    tenant: str | None = strawberry.field(
        default=None, description="Only rows of this tenant (slug), within what you may see."
    )
