"""Work streams of the network's work plan."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from hub.access.classification import Classification
from hub.i18n.text import Translations, Versions
from hub.stakeholders.models import Organisation
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
    # The language title and description are written in, and their versions in others:
    # {"fr": {"title": ..., "description": ...}}.
    language = fields.CharField(max_length=2, default="en")
    translations: Versions = fields.JSONField(default=dict)
    search_text = fields.TextField(default="")
    status = fields.CharEnumField(
        WorkStreamStatus, max_length=16, default=WorkStreamStatus.PROPOSED
    )
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    archived_at = fields.DatetimeField(null=True)

    tenant_id: str

    class Meta:
        table = "work_stream"
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title"))


class Horizon(StrEnum):
    """The work plan details "both the immediate priorities for action as well as the
    long-term activities and objectives"."""

    IMMEDIATE = "immediate"
    SHORT_TO_MEDIUM = "short_to_medium"
    LONG_TERM = "long_term"


class PriorityStatus(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class Priority(Model):
    """A priority of the work plan, linked to the work streams that carry it."""

    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="priorities", on_delete=fields.RESTRICT
    )
    title: Translations = fields.JSONField(default=dict)
    title_index = fields.CharField(max_length=300)
    summary: Translations = fields.JSONField(default=dict)
    search_text = fields.TextField(default="")
    horizon = fields.CharEnumField(Horizon, max_length=24)
    status = fields.CharEnumField(PriorityStatus, max_length=16, default=PriorityStatus.PROPOSED)
    themes: list[str] = fields.JSONField(default=list)
    work_stream_ids: list[str] = fields.JSONField(default=list)
    # The same ids as " id1 id2 ", so that "priorities of this work stream" is a text match
    # on every database.
    work_stream_keys = fields.TextField(default="")
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    archived_at = fields.DatetimeField(null=True)

    tenant_id: str

    class Meta:
        table = "work_plan_priority"
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title_index"))


class MemberRole(StrEnum):
    LEAD = "lead"
    MEMBER = "member"
    OBSERVER = "observer"


class WorkStreamMembership(Model):
    """An organisation taking part in a work stream, from one day to another. Ending it
    keeps the row: the history of who took part stays."""

    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="work_stream_memberships", on_delete=fields.RESTRICT
    )
    work_stream: fields.ForeignKeyRelation[WorkStream] = fields.ForeignKeyField(
        "hub.WorkStream", related_name="memberships", on_delete=fields.RESTRICT
    )
    organisation: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "hub.Organisation", related_name="work_stream_memberships", on_delete=fields.RESTRICT
    )
    role = fields.CharEnumField(MemberRole, max_length=16, default=MemberRole.MEMBER)
    since = fields.DateField()
    until = fields.DateField(null=True)
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )

    tenant_id: str
    work_stream_id: str
    organisation_id: str

    class Meta:
        table = "work_stream_membership"
        indexes = (("work_stream_id", "since"), ("organisation_id", "since"))
