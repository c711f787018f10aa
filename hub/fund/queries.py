"""Fund queries."""

from __future__ import annotations

import strawberry

from hub.access.listing import ListFilter
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.fund.service import FundService
from hub.fund.types import Fund
from hub.graphql.arguments import After, First, InTenant, ListScope, Scope, Search
from hub.graphql.listing import connection
from hub.graphql.pagination import Connection

BY_NAME = Ordering("name", OrderDirection.ASC)


@strawberry.type
class FundQuery:
    @strawberry.field(
        **guarded(
            Resource.FUND,
            Action.READ,
            "Pooled funds of this tenant and the tenants below it that you may see, by name.",
        )
    )
    async def funds(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        search: Search = None,
        tenant: InTenant = None,
        scope: Scope = ListScope.SUBTREE,
    ) -> Connection[Fund]:
        flt = ListFilter(search=search, tenant_slug=tenant)
        page = await FundService(info.context).page(
            flt, BY_NAME, first, after, network=scope is ListScope.NETWORK
        )
        return connection(page, Fund.from_model)
