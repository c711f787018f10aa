"""GraphQL types for the audit log."""

from __future__ import annotations

from datetime import datetime

import strawberry

from hub.audit.models import AuditEntry as AuditEntryModel
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.filters import condition
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelType


@strawberry.type(description="One entry of the append-only audit log.")
class AuditEntry(ModelType[AuditEntryModel]):
    at: datetime = strawberry.field(description="When it happened.")
    actor: str = strawberry.field(description="Who did it: an email, or cli:<account>.")
    tenant_path: str = strawberry.field(description="The tenant (or * for every tenant).")
    action: str = strawberry.field(
        description="What was done, e.g. role.grant or work_stream.read."
    )
    object: str = strawberry.field(description="What it was done to.")
    decision: str = strawberry.field(description="allow, deny or applied.")
    request_id: str = strawberry.field(description="The request it came from, if any.")
    hash: str = strawberry.field(description="This entry's link in the hash chain.")

    model_map = ModelMap(AuditEntryModel)


@strawberry.input(description="Narrows the audit log; all given conditions apply.")
class AuditLogFilter:
    action: str | None = condition("Exactly this action.")
    actor: str | None = condition("Exactly this actor.")
    object_contains: str | None = condition("Text the object contains, e.g. a record's id.")


NEWEST_FIRST = Ordering("at", OrderDirection.DESC)
AUDIT_LOG = ListOf(AuditEntry, AuditLogFilter, NEWEST_FIRST)
