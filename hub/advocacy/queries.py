"""Advocacy queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.advocacy.models import NoteStatus, StatementStatus
from hub.advocacy.service import AdvocacyService, NoteFilter
from hub.advocacy.statements import StatementFilter, StatementService
from hub.advocacy.types import AdvocacyNote, Statement
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import After, First, IncludeArchived, InTenant, ListScope, Scope, Search
from hub.graphql.listing import connection
from hub.graphql.pagination import Connection

NEWEST_FIRST = Ordering("created_at", OrderDirection.DESC)


@strawberry.type
class AdvocacyQuery:
    @strawberry.field(
        **guarded(
            Resource.ADVOCACY_NOTE,
            Action.READ,
            "Civic-space advocacy notes you may see, newest first.",
        )
    )
    async def advocacy_notes(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        status: Annotated[
            list[NoteStatus] | None, strawberry.argument(description="Any of these statuses.")
        ] = None,
        include_archived: IncludeArchived = False,
        tenant: InTenant = None,
        scope: Scope = ListScope.SUBTREE,
    ) -> Connection[AdvocacyNote]:
        flt = NoteFilter(
            statuses=status or (), include_archived=include_archived, tenant_slug=tenant
        )
        page = await AdvocacyService(info.context).page(
            flt, NEWEST_FIRST, first, after, network=scope is ListScope.NETWORK
        )
        return connection(page, AdvocacyNote.from_model)

    @strawberry.field(
        **guarded(
            Resource.STATEMENT,
            Action.READ,
            "Statements of the network you may see, newest first; archived ones only when "
            "asked for.",
        )
    )
    async def statements(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        status: Annotated[
            list[StatementStatus] | None,
            strawberry.argument(description="Any of these statuses."),
        ] = None,
        search: Search = None,
        include_archived: IncludeArchived = False,
        tenant: InTenant = None,
        scope: Scope = ListScope.SUBTREE,
    ) -> Connection[Statement]:
        flt = StatementFilter(
            statuses=status or (),
            search=search,
            include_archived=include_archived,
            tenant_slug=tenant,
        )
        page = await StatementService(info.context).page(
            flt, NEWEST_FIRST, first, after, network=scope is ListScope.NETWORK
        )
        return connection(page, Statement.from_model)
