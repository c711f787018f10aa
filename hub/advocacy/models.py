"""Civic-space advocacy notes: where civil society's space to operate is constrained."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.classification import Classification
from hub.core.model_mixins import (
    Archivable,
    Classified,
    MultilingualTitle,
    TenantOwned,
    Timestamped,
    Transition,
    classified_as,
    reference,
    tenant_key,
)
from hub.i18n.text import Translations


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class RecommendedAction(StrEnum):
    PUBLIC_STATEMENT = "public_statement"
    PRIVATE_REPRESENTATION = "private_representation"
    MONITOR = "monitor"


class NoteStatus(StrEnum):
    OPEN = "open"
    IN_REVIEW = "in_review"
    ACTIONED = "actioned"
    CLOSED = "closed"


class AdvocacyNote(TenantOwned, Classified, Timestamped, Archivable):
    """The body names people and is stored encrypted with the tenant's key."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("advocacy_notes")
    title = fields.CharField(max_length=300)
    country = fields.CharField(max_length=2, default="")
    body_encrypted = fields.TextField()
    organisation_ids: list[str] = fields.JSONField(default=list)
    risk_level = fields.CharEnumField(RiskLevel, max_length=16, default=RiskLevel.MEDIUM)
    recommended_action = fields.CharEnumField(
        RecommendedAction, max_length=32, default=RecommendedAction.MONITOR
    )
    status = fields.CharEnumField(NoteStatus, max_length=16, default=NoteStatus.OPEN)
    classification = classified_as(Classification.CONFIDENTIAL)

    class Meta:
        table = "advocacy_note"
        indexes = (("tenant_id", "created_at"),)


class StatementStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    PUBLISHED = "published"


class Statement(TenantOwned, MultilingualTitle, Classified, Timestamped, Archivable):
    """A statement of the network, often prompted by advocacy notes."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("statements")
    body: Translations = fields.JSONField(default=dict)
    # The notes that prompted it; shown to each reader only as far as they may see notes.
    note_ids: list[str] = fields.JSONField(default=list)
    status = fields.CharEnumField(StatementStatus, max_length=16, default=StatementStatus.DRAFT)
    published_at = fields.DatetimeField(null=True)

    class Meta:
        table = "statement"
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title_index"))


class StatementTransition(TenantOwned, Transition):
    """One step of a statement towards publication: who, when, from where to where."""

    id = fields.BigIntField(primary_key=True)
    tenant = tenant_key("statement_transitions")
    statement: fields.ForeignKeyRelation[Statement] = reference("hub.Statement", "transitions")
    from_status = fields.CharEnumField(StatementStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(StatementStatus, max_length=16)

    statement_id: str

    class Meta:
        table = "statement_transition"
        indexes = (("statement_id", "at"),)
