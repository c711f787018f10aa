"""Field groups that the types of many domains show alike (``FieldGroup``): when a record
was made, last changed and archived, and the steps a reviewed record took."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from hub.graphql.model_types import FieldGroup


def when_archived(records: str) -> Any:
    """The field ``archived_at`` of records that lists leave out once archived; ``records``
    names them, e.g. "proposals"."""
    return strawberry.field(
        description=f"When it was archived; archived {records} are left out of lists."
    )


@strawberry.type
class Recorded(FieldGroup):
    created_at: datetime = strawberry.field(description="When it was recorded.")


@strawberry.type
class Updated(FieldGroup):
    updated_at: datetime = strawberry.field(description="When it last changed.")


@strawberry.type
class Step(FieldGroup):
    """Who took one step of a record's workflow, when and why; the step's statuses are
    the record's own."""

    actor: str = strawberry.field(description="Who took the step (email).")
    note: str = strawberry.field(description="Why, as written by the actor.")
    at: datetime = strawberry.field(description="When.")
