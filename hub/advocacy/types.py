"""GraphQL types for advocacy notes."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from hub.advocacy import models, service, statements
from hub.advocacy.loaders import NoteByIdLoader, StatementHistoryLoader
from hub.advocacy.service import AdvocacyService
from hub.advocacy.statements import StatementService
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.enums import described_enum
from hub.graphql.filters import ClassifiedFilter, any_of, condition, service_filter_of, switch
from hub.graphql.inputs import BY_TRANSLATED_TITLE, SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, ModelType, column, get_many
from hub.graphql.record_fields import Recorded, Step
from hub.graphql.related import rows_named_in, rows_under
from hub.i18n.fields import translated
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.service import OrganisationService
from hub.stakeholders.types import Organisation
from hub.tenancy.types import TenantRecord

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
class AdvocacyNote(TenantRecord, Recorded, ModelNode[models.AdvocacyNote]):
    id: relay.NodeID[str]
    title: str = strawberry.field(description="Short title.")
    country: str = strawberry.field(description="ISO country code.")
    risk_level: models.RiskLevel = strawberry.field(description="Risk to those concerned.")
    recommended_action: models.RecommendedAction = strawberry.field(
        description="Public statement, private representation or monitoring."
    )
    status: models.NoteStatus = strawberry.field(description="Handling status.")
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
    row: strawberry.Private[models.AdvocacyNote]

    @strawberry.field(description="The situation, in full (stored encrypted).")
    def body(self, info: strawberry.Info[Context, None]) -> str:
        return AdvocacyService(info.context).body(self.row)

    organisations = rows_named_in(
        Organisation,
        OrganisationByIdLoader,
        "organisation_ids",
        "Organisations concerned that you may see.",
        rows=lambda ctx: OrganisationService(ctx).visible(network=True),
    )

    model_map = ModelMap(models.AdvocacyNote, fetch=get_many(AdvocacyService))


@strawberry.type(description="One step of a statement towards publication.")
class StatementTransition(Step, ModelType[models.StatementTransition]):
    from_status: models.StatementStatus | None = strawberry.field(
        description="Status before; null for the first draft."
    )
    to_status: models.StatementStatus = strawberry.field(description="Status after.")

    model_map = ModelMap(models.StatementTransition)


@strawberry.type(
    description="A statement of the network. Publishing it makes it PUBLIC; the notes that "
    "prompted it stay as confidential as they are."
)
class Statement(TenantRecord, ModelNode[models.Statement]):
    id: relay.NodeID[str]
    status: models.StatementStatus = strawberry.field(description="Where it stands.")
    published_at: datetime | None = strawberry.field(description="When it was published.")
    created_at: datetime = strawberry.field(description="When it was first drafted.")
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
    row: strawberry.Private[models.Statement]

    title = translated("title", "Its title.")
    body = translated("body", "Its text.")

    notes = rows_named_in(
        AdvocacyNote,
        NoteByIdLoader,
        "note_ids",
        "The notes that prompted it, those you may see.",
        rows=lambda ctx: AdvocacyService(ctx).visible(network=True),
    )
    history = rows_under(
        StatementTransition,
        StatementHistoryLoader,
        "Every step it took, oldest first.",
        key=column("id"),
    )

    model_map = ModelMap(models.Statement, fetch=get_many(StatementService))


NEWEST_FIRST = Ordering("created_at", OrderDirection.DESC)


@sort_fields("Fields advocacy notes can be sorted by.")
class AdvocacyNoteOrderField(SortField):
    CREATED_AT = "created_at", "By when it was recorded."
    UPDATED_AT = "updated_at", "By when it last changed."
    TITLE = "title", "By title."


AdvocacyNoteOrder = sort_order(AdvocacyNoteOrderField, "Sort order of a list of advocacy notes.")


@strawberry.input(description="Narrows a list of advocacy notes; all given conditions apply.")
class AdvocacyNoteFilter(ClassifiedFilter):
    status: list[models.NoteStatus] | None = any_of("statuses", "Any of these statuses.")
    risk_level: list[models.RiskLevel] | None = any_of("risk_levels", "Any of these risks.")
    country: list[str] | None = any_of("countries", "Any of these countries (ISO 3166).")
    include_archived: bool = switch("Include archived notes.")

    service_filter = service_filter_of(service.NoteFilter)


ADVOCACY_NOTES = ListOf(AdvocacyNote, AdvocacyNoteFilter, NEWEST_FIRST, AdvocacyNoteOrder)


@sort_fields("Fields statements can be sorted by.")
class StatementOrderField(SortField):
    CREATED_AT = "created_at", "By when it was drafted."
    PUBLISHED_AT = "published_at", "By when it was published."
    TITLE = "title_index", "By title."


StatementOrder = sort_order(
    StatementOrderField, "Sort order of a list of statements.", BY_TRANSLATED_TITLE
)


@strawberry.input(description="Narrows a list of statements; all given conditions apply.")
class StatementFilter(ClassifiedFilter):
    status: list[models.StatementStatus] | None = any_of("statuses", "Any of these statuses.")
    search: str | None = condition("Text the title contains, in any language.")
    include_archived: bool = switch("Include archived statements.")

    service_filter = service_filter_of(statements.StatementFilter)


STATEMENTS = ListOf(Statement, StatementFilter, NEWEST_FIRST, StatementOrder)
