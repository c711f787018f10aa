"""Work streams of the network's work plan."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from hub.access.classification import Classification
from hub.tenancy.models import Tenant


class WorkStreamStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class WorkStream(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="work_streams", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    status = fields.CharEnumField(
        WorkStreamStatus, max_length=16, default=WorkStreamStatus.PROPOSED
    )
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: str

    class Meta:
        table = "work_stream"
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title"))
