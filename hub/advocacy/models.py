"""Civic-space advocacy notes: where civil society's space to operate is constrained."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from hub.access.classification import Classification
from hub.tenancy.models import Tenant


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


class AdvocacyNote(Model):
    """The body names people and is stored encrypted with the tenant's key."""

    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="advocacy_notes", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=300)
    country = fields.CharField(max_length=2, default="")
    body_encrypted = fields.TextField()
    organisation_ids: list[str] = fields.JSONField(default=list)
    risk_level = fields.CharEnumField(RiskLevel, max_length=16, default=RiskLevel.MEDIUM)
    recommended_action = fields.CharEnumField(
        RecommendedAction, max_length=32, default=RecommendedAction.MONITOR
    )
    status = fields.CharEnumField(NoteStatus, max_length=16, default=NoteStatus.OPEN)
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.CONFIDENTIAL
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: str

    class Meta:
        table = "advocacy_note"
        indexes = (("tenant_id", "created_at"),)
