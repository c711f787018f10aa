"""Field groups that the types of many domains show alike (``FieldGroup``): a record's
sensitivity, when it changed, and the steps a reviewed record took."""

from __future__ import annotations

from datetime import datetime

import strawberry

from hub.core.classification import Classification
from hub.graphql.model_types import FieldGroup


@strawberry.type
class Classified(FieldGroup):
    classification: Classification = strawberry.field(description="Sensitivity.")


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
