"""Advocacy queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.advocacy.models import NoteStatus, StatementStatus
from hub.advocacy.service import AdvocacyService
from hub.advocacy.statements import StatementService
from hub.advocacy.types import ADVOCACY_NOTES, STATEMENTS
from hub.graphql.list_fields import Deprecated, list_field, service_pages

TENANT = Deprecated("tenant", str | None, "tenant", "Only records of this tenant (slug).")
ARCHIVED = Deprecated(
    "include_archived", bool, "include_archived", "Include archived records.", default=False
)


@strawberry.type
class AdvocacyQuery:
    advocacy_notes = list_field(
        ADVOCACY_NOTES,
        service_pages(AdvocacyService),
        deprecated=(
            Deprecated("status", list[NoteStatus] | None, "status", "Any of these statuses."),
            ARCHIVED,
            TENANT,
        ),
        **guarded(
            Resource.ADVOCACY_NOTE,
            Action.READ,
            "Civic-space advocacy notes you may see, newest first unless ordered otherwise.",
        ),
    )
    statements = list_field(
        STATEMENTS,
        service_pages(StatementService),
        deprecated=(
            Deprecated("status", list[StatementStatus] | None, "status", "Any of these statuses."),
            Deprecated("search", str | None, "search", "Text the title contains."),
            ARCHIVED,
            TENANT,
        ),
        **guarded(
            Resource.STATEMENT,
            Action.READ,
            "Statements of the network you may see, newest first unless ordered otherwise; "
            "archived ones only when asked for.",
        ),
    )
