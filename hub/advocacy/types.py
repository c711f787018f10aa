"""GraphQL types for advocacy notes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.advocacy import models
from hub.advocacy.service import AdvocacyService
from hub.context import Context
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.types import Organisation

strawberry.enum(models.RiskLevel, description="How much the people concerned are at risk.")
strawberry.enum(models.RecommendedAction, description="What the network should do.")
strawberry.enum(models.NoteStatus, description="Where the note is in its handling.")


@strawberry.type(
    description="A confidential note on a context where civic space is constrained. Every "
    "read of a CONFIDENTIAL note is written to the audit log."
)
class AdvocacyNote(relay.Node):
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Short title.")
    country: str = strawberry.field(description="ISO country code.")
    risk_level: models.RiskLevel = strawberry.field(description="Risk to those concerned.")
    recommended_action: models.RecommendedAction = strawberry.field(
        description="Public statement, private representation or monitoring."
    )
    status: models.NoteStatus = strawberry.field(description="Handling status.")
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was recorded.")
    row: strawberry.Private[models.AdvocacyNote]

    @strawberry.field(description="The situation, in full (stored encrypted).")
    def body(self, info: strawberry.Info[Context, None]) -> str:
        return AdvocacyService(info.context).body(self.row)

    @strawberry.field(description="Organisations concerned that you may see.")
    async def organisations(self, info: strawberry.Info[Context, None]) -> list[Organisation]:
        loader = OrganisationByIdLoader.of(info.context)
        rows = await loader.load_many(list(self.row.organisation_ids))
        return [Organisation.from_model(r) for r in rows if r is not None]

    @classmethod
    def from_model(cls, row: models.AdvocacyNote) -> AdvocacyNote:
        return cls(
            id=str(row.id),
            title=row.title,
            country=row.country,
            risk_level=row.risk_level,
            recommended_action=row.recommended_action,
            status=row.status,
            classification=row.classification,
            created_at=row.created_at,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[AdvocacyNote | None]:
        rows = await AdvocacyService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]
