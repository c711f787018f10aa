"""Work streams of the network's work plan."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.model_mixins import (
    Archivable,
    Classified,
    MultilingualTitle,
    TenantOwned,
    Timestamped,
    Translatable,
    reference,
    tenant_key,
)
from hub.directory.models import Organisation
from hub.i18n.text import Translations


class WorkStreamStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    CLOSED = "closed"


class WorkStream(TenantOwned, Translatable, Classified, Timestamped, Archivable):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("work_streams")
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    status = fields.CharEnumField(
        WorkStreamStatus, max_length=16, default=WorkStreamStatus.PROPOSED
    )

    class Meta:
        table = "work_stream"
        # (created_at, id): a subtree of many tenants is read in the default order, stopping
        # after a page, where (tenant_id, created_at) serves one tenant's alone.
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title"), ("created_at", "id"))


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


class Priority(TenantOwned, MultilingualTitle, Classified, Timestamped, Archivable):
    """A priority of the work plan, linked to the work streams that carry it."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("priorities")
    summary: Translations = fields.JSONField(default=dict)
    horizon = fields.CharEnumField(Horizon, max_length=24)
    status = fields.CharEnumField(PriorityStatus, max_length=16, default=PriorityStatus.PROPOSED)
    themes: list[str] = fields.JSONField(default=list)
    work_stream_ids: list[str] = fields.JSONField(default=list)
    # The same ids as " id1 id2 ", so that "priorities of this work stream" is a text match
    # on every database.
    work_stream_keys = fields.TextField(default="")

    class Meta:
        table = "work_plan_priority"
        indexes = (("tenant_id", "created_at"), ("tenant_id", "title_index"))


class MemberRole(StrEnum):
    LEAD = "lead"
    MEMBER = "member"
    OBSERVER = "observer"


class WorkStreamMembership(TenantOwned, Classified):
    """An organisation taking part in a work stream, from one day to another. Ending it
    keeps the row: the history of who took part stays."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("work_stream_memberships")
    work_stream: fields.ForeignKeyRelation[WorkStream] = reference("hub.WorkStream", "memberships")
    organisation: fields.ForeignKeyRelation[Organisation] = reference(
        "hub.Organisation", "work_stream_memberships"
    )
    role = fields.CharEnumField(MemberRole, max_length=16, default=MemberRole.MEMBER)
    since = fields.DateField()
    until = fields.DateField(null=True)

    work_stream_id: str
    organisation_id: str

    class Meta:
        table = "work_stream_membership"
        indexes = (("work_stream_id", "since"), ("organisation_id", "since"))
