"""GraphQL types for advocacy notes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.advocacy import models
from hub.advocacy.loaders import NoteByIdLoader, StatementHistoryLoader
from hub.advocacy.service import AdvocacyService
from hub.advocacy.statements import StatementService
from hub.context import Context
from hub.graphql.arguments import Lang
from hub.graphql.enums import described_enum
from hub.i18n.types import LocalizedText, localized
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.types import Organisation

described_enum(
    models.RiskLevel,
    "How much the people concerned are at risk.",
    {
        models.RiskLevel.LOW: "Little risk.",
        models.RiskLevel.MEDIUM: "Some risk.",
        models.RiskLevel.HIGH: "Serious risk.",
        models.RiskLevel.CRITICAL: "Immediate danger.",
    },
)
described_enum(
    models.RecommendedAction,
    "What the network should do.",
    {
        models.RecommendedAction.PUBLIC_STATEMENT: "Speak publicly: a statement.",
        models.RecommendedAction.PRIVATE_REPRESENTATION: "Raise it privately with those concerned.",
        models.RecommendedAction.MONITOR: "Keep watching.",
    },
)
described_enum(
    models.NoteStatus,
    "OPEN, IN_REVIEW (back to OPEN if need be), ACTIONED, CLOSED; a note only "
    "monitored can be closed from OPEN.",
    {
        models.NoteStatus.OPEN: "Recorded; can go to review, or be closed.",
        models.NoteStatus.IN_REVIEW: "Being reviewed; can go back to OPEN, be actioned or closed.",
        models.NoteStatus.ACTIONED: "Acted upon: a statement or a representation; can be closed.",
        models.NoteStatus.CLOSED: "Closed. Final.",
    },
)
described_enum(
    models.StatementStatus,
    "DRAFT, IN_REVIEW (back to DRAFT if need be), APPROVED, PUBLISHED.",
    {
        models.StatementStatus.DRAFT: "Being written; needs `update` on `statement` to change.",
        models.StatementStatus.IN_REVIEW: "Being reviewed; can go back to DRAFT.",
        models.StatementStatus.APPROVED: "Approved; reaching it needs `approve` on `statement`.",
        models.StatementStatus.PUBLISHED: "Published; reaching it needs `publish` on `statement`. "
        "Final.",
    },
)


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
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
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
            archived_at=row.archived_at,
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


@strawberry.type(description="One step of a statement towards publication.")
class StatementTransition:
    from_status: models.StatementStatus | None = strawberry.field(
        description="Status before; null for the first draft."
    )
    to_status: models.StatementStatus = strawberry.field(description="Status after.")
    actor: str = strawberry.field(description="Who took the step (email).")
    note: str = strawberry.field(description="Why, as written by the actor.")
    at: datetime = strawberry.field(description="When.")

    @classmethod
    def from_model(cls, row: models.StatementTransition) -> StatementTransition:
        return cls(
            from_status=row.from_status,
            to_status=row.to_status,
            actor=row.actor,
            note=row.note,
            at=row.at,
        )


@strawberry.type(
    description="A statement of the network. Publishing it makes it PUBLIC; the notes that "
    "prompted it stay as confidential as they are."
)
class Statement(relay.Node):
    id: relay.NodeID[str]
    status: models.StatementStatus = strawberry.field(description="Where it stands.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was first drafted.")
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
    row: strawberry.Private[models.Statement]

    @strawberry.field(description="Its title.")
    def title(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, self.row.title, lang)

    @strawberry.field(description="Its text.")
    def body(self, info: strawberry.Info[Context, None], lang: Lang = None) -> LocalizedText | None:
        return localized(info, self.row.body, lang)

    @strawberry.field(description="The notes that prompted it, those you may see.")
    async def notes(self, info: strawberry.Info[Context, None]) -> list[AdvocacyNote]:
        rows = await NoteByIdLoader.of(info.context).load_many(list(self.row.note_ids))
        return [AdvocacyNote.from_model(r) for r in rows if r is not None]

    @strawberry.field(description="Every step it took, oldest first.")
    async def history(self, info: strawberry.Info[Context, None]) -> list[StatementTransition]:
        rows = await StatementHistoryLoader.of(info.context).load(self.row.id)
        return [StatementTransition.from_model(r) for r in rows]

    @classmethod
    def from_model(cls, row: models.Statement) -> Statement:
        return cls(
            id=str(row.id),
            status=row.status,
            published_at=row.published_at,
            classification=row.classification,
            created_at=row.created_at,
            archived_at=row.archived_at,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Statement | None]:
        rows = await StatementService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]
